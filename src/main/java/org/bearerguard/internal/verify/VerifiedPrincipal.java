package org.bearerguard.internal.verify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.BearerPrincipal;

/**
 * A {@link BearerPrincipal} built from a verified token. A token answered from the cache has no parsed claims: they
 * are read from the token on first use, at most once per request. What the token is bound to
 * ({@link #confirmation()}) is not yet proven when the verifier returns it: the request path checks it, and says so
 * with {@link #proven}.
 */
public final class VerifiedPrincipal implements BearerPrincipal {

    private final ClaimsMapper.Identity identity;
    private final String rawToken;
    private final Optional<String> dpopKey;
    private final Optional<String> certificate;
    private volatile Map<String, Object> claims;

    /** @param claims all claims, read-only; {@code null} to read them from {@code rawToken} on first use */
    VerifiedPrincipal(ClaimsMapper.Identity identity, Map<String, Object> claims, String rawToken) {
        this(identity, claims, rawToken, Optional.empty(), Optional.empty());
    }

    private VerifiedPrincipal(ClaimsMapper.Identity identity, Map<String, Object> claims, String rawToken,
                              Optional<String> dpopKey, Optional<String> certificate) {
        this.identity = identity;
        this.claims = claims;
        this.rawToken = rawToken;
        this.dpopKey = dpopKey;
        this.certificate = certificate;
    }

    /** The token's {@code cnf}: what the request must prove before this principal stands. */
    public Confirmation confirmation() {
        return identity.confirmation();
    }

    /** This principal once the request has proven what the token is bound to. */
    public VerifiedPrincipal proven(Optional<String> dpopKeyThumbprint, Optional<String> certificateThumbprint) {
        return new VerifiedPrincipal(identity, claims, rawToken, dpopKeyThumbprint, certificateThumbprint);
    }

    @Override
    public Optional<String> getDpopKeyThumbprint() {
        return dpopKey;
    }

    @Override
    public Optional<String> getCertificateThumbprint() {
        return certificate;
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
    public Optional<String> getAuthenticationContextClass() {
        return Optional.ofNullable(identity.authentication().acr());
    }

    @Override
    public Optional<Instant> getAuthenticationTime() {
        return Optional.ofNullable(identity.authentication().authTime());
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
