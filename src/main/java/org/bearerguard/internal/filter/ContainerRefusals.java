package org.bearerguard.internal.filter;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.container.RoleRefusal;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * With {@code bearer.jakarta-security=on}: a refusal deeper down than the filter, by a CDI bean's or an EJB's JSR 250
 * annotations, is answered as the filter answers a missing role: 403 {@code insufficient_scope} with the challenge
 * of the caller's scheme, or 401 when the request has no verified caller at all. Off, nothing is registered.
 * The EJB mapper is registered only where the application sees the EJB API.
 */
@Provider
public class ContainerRefusals implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        if (!CDI.current().select(BearerAuthenticator.class).get().callers().active()) {
            return false;
        }
        context.register(RoleRefusals.class);
        if (visible("jakarta.ejb.EJBAccessException")) {
            context.register(EjbAccessRefusals.class);
        }
        return true;
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, ContainerRefusals.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The response to a refusal of this request's caller (anonymous: none was verified). */
    static Response refusal(boolean anonymous) {
        var pipeline = CDI.current().select(BearerAuthenticator.class).get();
        var caller = anonymous ? null
                : CDI.current().select(CurrentPrincipal.class).get().verified().orElse(null);
        if (caller == null) {
            return BearerFilter.toResponse(pipeline.render(
                    pipeline.refusingAnonymous(BearerException.missingCredentials())));
        }
        return BearerFilter.toResponse(pipeline.render(
                pipeline.refusing(caller, Requirement.NONE, BearerException.refused(Reason.ROLE_MISSING))));
    }

    /** {@link RoleRefusal}: from bearer-guard's interceptor on a CDI bean. */
    public static class RoleRefusals implements ExceptionMapper<RoleRefusal> {
        @Override
        public Response toResponse(RoleRefusal refusal) {
            return refusal(refusal.anonymous());
        }
    }
}
