package org.bearerguard;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The caller of a {@link BearerProtected} resource, as the verified access token describes it.
 *
 * <p>Available as {@code SecurityContext.getUserPrincipal()} and through {@code @Inject BearerPrincipal}. All
 * collections are read-only. {@link #toString()} never shows the token.
 */
public class BearerPrincipal implements Principal {

    private final String name;
    private final String subject;
    private final String issuer;
    private final Set<String> audience;
    private final Set<String> scopes;
    private final Set<String> roles;
    private final Instant expiresAt;
    private volatile Map<String, Object> claims;
    private final String rawToken;

    /** Only for CDI's client proxies of the request-scoped bean; never holds a caller. */
    protected BearerPrincipal() {
        this(null, null, null, Set.of(), Set.of(), Set.of(), null, Map.of(), null);
    }

    /**
     * Builds a principal from a verified token. The collections are expected to be read-only already.
     *
     * @param claims all claims, read-only; {@code null} to read them from {@code rawToken} on first use
     */
    public BearerPrincipal(String name, String subject, String issuer, Set<String> audience, Set<String> scopes,
                           Set<String> roles, Instant expiresAt, Map<String, Object> claims, String rawToken) {
        this.name = name;
        this.subject = subject;
        this.issuer = issuer;
        this.audience = audience;
        this.scopes = scopes;
        this.roles = roles;
        this.expiresAt = expiresAt;
        this.claims = claims;
        this.rawToken = rawToken;
    }

    /** The configured principal claim ({@code preferred_username} by default), else {@code sub}. */
    @Override
    public String getName() {
        return name;
    }

    /** The {@code sub} claim, or {@code null} when the token has none. */
    public String getSubject() {
        return subject;
    }

    /** The {@code iss} claim: the issuer that signed the token. */
    public String getIssuer() {
        return issuer;
    }

    /** The {@code aud} claim as a set (a single string becomes one element). */
    public Set<String> getAudience() {
        return audience;
    }

    /** Scopes from {@code scope} (space-separated) or {@code scp} (string or array). */
    public Set<String> getScopes() {
        return scopes;
    }

    /** Roles from the configured roles claims. */
    public Set<String> getRoles() {
        return roles;
    }

    /** The {@code exp} claim. */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    /** All claims of the token, read-only (nested objects are read-only maps and lists). */
    public Map<String, Object> getClaims() {
        var c = claims;
        if (c == null) {
            // a token served from the verified-token cache: its claims are read on first use, once per request
            c = rawToken == null ? Map.of() : org.bearerguard.internal.verify.ReadOnlyClaims.of(rawToken);
            claims = c;
        }
        return c;
    }

    /** One claim, or {@code null}. */
    public Object getClaim(String claimName) {
        return getClaims().get(claimName);
    }

    /** Whether the token carries this scope. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Whether the token carries this role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The raw compact JWT, e.g. to call a downstream service on the caller's behalf. Never log it. */
    public String getRawToken() {
        return rawToken;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BearerPrincipal that
                && Objects.equals(issuer, that.issuer)
                && Objects.equals(subject, that.subject)
                && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, subject, name);
    }

    @Override
    public String toString() {
        return "BearerPrincipal[name=" + name + ", subject=" + subject + ", issuer=" + issuer + "]";
    }
}
