package org.bearerguard;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The caller of a {@link BearerProtected} resource, as the verified access token describes it.
 *
 * <p>Available as {@code SecurityContext.getUserPrincipal()} and through {@code @Inject BearerPrincipal}. All
 * collections are read-only. {@link #toString()} never shows the token. Two principals are equal when issuer,
 * subject and name are.
 */
public interface BearerPrincipal extends Principal {

    /** The configured principal claim ({@code preferred_username} by default), else {@code sub}. */
    @Override
    String getName();

    /** The {@code sub} claim, or {@code null} when the token has none. */
    String getSubject();

    /** The {@code iss} claim: the issuer that signed the token. */
    String getIssuer();

    /** The {@code aud} claim as a set (a single string becomes one element). */
    Set<String> getAudience();

    /** Scopes from {@code scope} (space-separated) or {@code scp} (string or array). */
    Set<String> getScopes();

    /** Roles from the configured roles claims. */
    Set<String> getRoles();

    /** The {@code exp} claim. */
    Instant getExpiresAt();

    /** All claims of the token, read-only (nested objects are read-only maps and lists). */
    Map<String, Object> getClaims();

    /** One claim, or {@code null}. */
    default Object getClaim(String claimName) {
        return getClaims().get(claimName);
    }

    /** Whether the token carries this scope. */
    default boolean hasScope(String scope) {
        return getScopes().contains(scope);
    }

    /** Whether the token carries this role. */
    default boolean hasRole(String role) {
        return getRoles().contains(role);
    }

    /**
     * The RFC 7638 thumbprint of the DPoP key this request proved possession of (RFC 9449; the token's
     * {@code cnf.jkt}), or empty for a token that is not DPoP-bound.
     */
    default java.util.Optional<String> getDpopKeyThumbprint() {
        return java.util.Optional.empty();
    }

    /**
     * The SHA-256 thumbprint of the TLS client certificate the token is bound to and the request presented (RFC 8705
     * §3.1; the token's {@code cnf.x5t#S256}), or empty for a token that is not certificate-bound.
     */
    default java.util.Optional<String> getCertificateThumbprint() {
        return java.util.Optional.empty();
    }

    /** Whether the token is bound to its sender (DPoP or a TLS client certificate), not a plain bearer token. */
    default boolean isSenderConstrained() {
        return getDpopKeyThumbprint().isPresent() || getCertificateThumbprint().isPresent();
    }

    /** The raw compact JWT, e.g. to call a downstream service on the caller's behalf. Never log it. */
    String getRawToken();

    /** The token's {@code acr} (authentication context class reference, RFC 9068 §2.2.1), if it is a string. */
    default java.util.Optional<String> getAuthenticationContextClass() {
        return getClaim("acr") instanceof String acr ? java.util.Optional.of(acr) : java.util.Optional.empty();
    }

    /** The token's {@code auth_time}: when the user last authenticated, if it is a number. */
    default java.util.Optional<Instant> getAuthenticationTime() {
        return getClaim("auth_time") instanceof Number n ? java.util.Optional.of(Instant.ofEpochSecond(n.longValue()))
                : java.util.Optional.empty();
    }
}
