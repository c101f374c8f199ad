package org.bearerguard.internal.verify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bearerguard.BearerPrincipal;

/**
 * A {@link BearerPrincipal} built from a verified token. A token answered from the cache has no parsed claims: they
 * are read from the token on first use, at most once per request.
 */
final class VerifiedPrincipal implements BearerPrincipal {

    private final ClaimsMapper.Identity identity;
    private final String rawToken;
    private volatile Map<String, Object> claims;

    /** @param claims all claims, read-only; {@code null} to read them from {@code rawToken} on first use */
    VerifiedPrincipal(ClaimsMapper.Identity identity, Map<String, Object> claims, String rawToken) {
        this.identity = identity;
        this.claims = claims;
        this.rawToken = rawToken;
    }

    @Override
    public String getName() {
        return identity.name();
    }

    @Override
    public String getSubject() {
        return identity.subject();
    }

    @Override
    public String getIssuer() {
        return identity.issuer();
    }

    @Override
    public Set<String> getAudience() {
        return identity.audience();
    }

    @Override
    public Set<String> getScopes() {
        return identity.scopes();
    }

    @Override
    public Set<String> getRoles() {
        return identity.roles();
    }

    @Override
    public Instant getExpiresAt() {
        return identity.expiresAt();
    }

    @Override
    public Map<String, Object> getClaims() {
        var c = claims;
        if (c == null) {
            c = ReadOnlyClaims.of(rawToken);
            claims = c;
        }
        return c;
    }

    @Override
    public String getRawToken() {
        return rawToken;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BearerPrincipal that
                && Objects.equals(getIssuer(), that.getIssuer())
                && Objects.equals(getSubject(), that.getSubject())
                && Objects.equals(getName(), that.getName());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getIssuer(), getSubject(), getName());
    }

    @Override
    public String toString() {
        return "BearerPrincipal[name=" + getName() + ", subject=" + getSubject() + ", issuer=" + getIssuer() + "]";
    }
}
