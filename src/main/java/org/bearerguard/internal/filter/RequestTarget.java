package org.bearerguard.internal.filter;

import java.net.URI;
import java.util.Optional;

/**
 * The target URI a DPoP proof's {@code htu} must name (RFC 9449 §4.3 item 9): the request URI as received, or,
 * behind a reverse proxy, the configured external base URL followed by the request path below the application's
 * own base. Never built from request headers such as {@code Forwarded}: a client could name any URI in them.
 * Query and fragment are left to the proof check, which ignores them. Stateless.
 */
public final class RequestTarget {

    private RequestTarget() {
    }

    /**
     * @param requestUri   the absolute request URI (JAX-RS {@code UriInfo.getRequestUri()})
     * @param baseUri      the application's base URI (JAX-RS {@code UriInfo.getBaseUri()}), a prefix of it
     * @param externalBase {@code bearer.dpop.external-base-url}, without a trailing slash
     */
    public static String of(URI requestUri, URI baseUri, Optional<URI> externalBase) {
        if (externalBase.isEmpty()) {
            return requestUri.toString();
        }
        var path = requestUri.getRawPath() == null ? "" : requestUri.getRawPath();
        var base = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        var below = path.startsWith(base) ? path.substring(base.length()) : path;
        return externalBase.get() + (below.isEmpty() || below.startsWith("/") ? below : "/" + below);
    }
}
