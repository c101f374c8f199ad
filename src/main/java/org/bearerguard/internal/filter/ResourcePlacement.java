package org.bearerguard.internal.filter;

import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.metadata.JaxRsPaths;
import org.bearerguard.internal.metadata.ProtectedResources;

/**
 * Which protected resource (RFC 9728, {@code bearer.resource.paths}) a JAX-RS request belongs to, hence whose
 * identifier its token's {@code aud} must name (RFC 8707). Fixed at deployment for a method of a root resource class
 * whose paths can all belong to one resource; otherwise (a template above a resource path, a sub-resource, a path
 * not known at deployment) read from the request's own path. Stateless.
 */
final class ResourcePlacement {

    private ResourcePlacement() {
    }

    /**
     * The path below the context root that places every request of this method, if one does.
     *
     * @param methodPath where JAX-RS serves the method ({@link JaxRsPaths#of}); null for a sub-resource method or when
     *                   the application path is unknown
     */
    static Optional<String> fixed(String methodPath, ProtectedResources resources) {
        if (resources.all().size() <= 1) {
            return Optional.of(""); // none, or the context root's only: nothing to tell apart
        }
        if (methodPath == null) {
            return Optional.empty();
        }
        var prefix = JaxRsPaths.literalPrefix(methodPath);
        return resources.reachableBelow(prefix).size() == 1 ? Optional.of(prefix) : Optional.empty();
    }

    /**
     * The request's path below the context root, as JAX-RS matched it: the application path and the decoded path
     * segments without their matrix parameters (JAX-RS ignores those when matching).
     *
     * @throws BearerException 400 {@code invalid_request} for a path whose segments do not say where it is: an empty
     *                         one (but the last), {@code .} or {@code ..}, or one holding an encoded {@code /}
     */
    static String ofRequest(UriInfo uri) throws BearerException {
        var path = new StringBuilder(JaxRsPaths.applicationPath().orElse(""));
        var segments = uri.getPathSegments();
        for (int i = 0; i < segments.size(); i++) {
            var segment = segments.get(i).getPath();
            boolean last = i == segments.size() - 1;
            if (segment.isEmpty() && last) {
                continue;
            }
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0) {
                throw BearerException.refused(Reason.UNPLACEABLE_PATH);
            }
            path.append('/').append(segment);
        }
        return path.toString();
    }
}
