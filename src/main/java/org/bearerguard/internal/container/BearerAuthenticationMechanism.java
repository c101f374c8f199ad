package org.bearerguard.internal.container;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's Jakarta Security authentication mechanism while {@code bearer.jakarta-security=on}: it makes the
 * caller that bearer-guard's filter verified the container's caller, with the token's roles as groups (mapped to the
 * roles of the same name).
 *
 * <p>It never looks at the request itself: the server calls it for every request, and for all but the filter's own
 * {@code SecurityContext.authenticate} it does nothing, so a request stays anonymous to the container until
 * bearer-guard has verified it in full, and every refusal is the filter's RFC 6750 response, as without it.
 *
 * <p>Not a discovered bean (no bean-defining annotation): {@link BearerExtension} adds it, application-scoped, only
 * when the property is on.
 */
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (context.isAuthenticationRequest() && context.getAuthParameters() != null
                && context.getAuthParameters().getCredential() instanceof VerifiedCaller caller) {
            var principal = caller.principal();
            return context.notifyContainerAboutLogin(principal, principal.getRoles());
        }
        return context.doNothing();
    }
}
