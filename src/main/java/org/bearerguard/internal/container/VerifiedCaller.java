package org.bearerguard.internal.container;

import jakarta.security.enterprise.credential.Credential;
import org.bearerguard.BearerPrincipal;

/**
 * A caller bearer-guard has verified in full (token, sender constraint, the resource's requirement), handed to
 * {@link BearerAuthenticationMechanism} in-process through {@code AuthenticationParameters}: nothing a client sends
 * can become one. Only this package creates them.
 */
final class VerifiedCaller implements Credential {

    private final BearerPrincipal principal;

    VerifiedCaller(BearerPrincipal principal) {
        this.principal = principal;
    }

    BearerPrincipal principal() {
        return principal;
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "VerifiedCaller[" + principal.getName() + "]";
    }
}
