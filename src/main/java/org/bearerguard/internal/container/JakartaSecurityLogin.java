package org.bearerguard.internal.container;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import org.bearerguard.BearerPrincipal;

/**
 * Registers a verified caller through Jakarta Security: {@code SecurityContext.authenticate} with the caller as the
 * credential, which the server passes to {@link BearerAuthenticationMechanism}, the only mechanism that accepts it.
 *
 * <p>Threads: called concurrently; the {@code SecurityContext} comes from CDI on first use, a benign race (the same
 * bean).
 */
final class JakartaSecurityLogin implements CallerRegistration {

    private volatile SecurityContext security;

    @Override
    public void register(ServletExchange exchange, BearerPrincipal principal) {
        var status = security().authenticate(exchange.request(), exchange.response(),
                AuthenticationParameters.withParams().credential(new VerifiedCaller(principal)).newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            throw new IllegalStateException("Jakarta Security did not take bearer-guard's verified caller ("
                    + status + "): is another HttpAuthenticationMechanism active in the application?");
        }
    }

    @Override
    public boolean active() {
        return true;
    }

    private SecurityContext security() {
        var s = security;
        if (s == null) {
            s = CDI.current().select(SecurityContext.class).get();
            security = s;
        }
        return s;
    }
}
