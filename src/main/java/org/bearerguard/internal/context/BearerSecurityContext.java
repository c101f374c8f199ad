package org.bearerguard.internal.context;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.bearerguard.BearerPrincipal;

/** The verified caller as JAX-RS sees it; {@code isSecure()} is the container's answer, passed through. */
public final class BearerSecurityContext implements SecurityContext {

    private final BearerPrincipal principal;
    private final boolean secure;

    public BearerSecurityContext(BearerPrincipal principal, boolean secure) {
        this.principal = principal;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    /**
     * The scheme the token came under: {@code DPoP} (RFC 9449 §7.1) for a DPoP-bound token, else {@code Bearer}
     * (RFC 6750; a certificate-bound token comes as a Bearer token too, RFC 8705 §3). JAX-RS's constants only cover
     * the servlet ones.
     */
    @Override
    public String getAuthenticationScheme() {
        return schemeOf(principal);
    }

    /** {@link #getAuthenticationScheme()} of this principal; also the servlet filter's {@code getAuthType()}. */
    public static String schemeOf(org.bearerguard.BearerPrincipal principal) {
        return principal.getDpopKeyThumbprint().isPresent() ? "DPoP" : "Bearer";
    }
}
