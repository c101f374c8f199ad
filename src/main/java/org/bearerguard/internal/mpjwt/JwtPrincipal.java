package org.bearerguard.internal.mpjwt;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified caller that is also a MicroProfile {@link JsonWebToken}, so that code written for MP JWT keeps working:
 * {@code getGroups()} are the roles bearer-guard read (from {@code bearer.roles-claim}); {@code getClaim} gives the
 * claims MP JWT types ({@code aud} and {@code groups} a {@code Set<String>}, the times a {@code Long},
 * {@code raw_token} the token) as MP JWT does, and every other claim as bearer-guard reads it (a JSON object a
 * {@code Map}, an array a {@code List}).
 */
public final class JwtPrincipal implements BearerPrincipal, JsonWebToken {

    private static final Set<String> TIMES = Set.of(Claims.exp.name(), Claims.iat.name(), Claims.nbf.name(),
            Claims.auth_time.name(), Claims.updated_at.name());

    private final BearerPrincipal caller;

    public JwtPrincipal(BearerPrincipal caller) {
        this.caller = caller;
    }

    /** The principal as verified. */
    public BearerPrincipal caller() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.getName();
    }

    @Override
    public String getSubject() {
        return caller.getSubject();
    }

    @Override
    public String getIssuer() {
        return caller.getIssuer();
    }

    @Override
    public Set<String> getAudience() {
        return caller.getAudience();
    }

    @Override
    public Set<String> getScopes() {
        return caller.getScopes();
    }

    @Override
    public Set<String> getRoles() {
        return caller.getRoles();
    }

    @Override
    public Set<String> getGroups() {
        return caller.getRoles();
    }

    @Override
    public Instant getExpiresAt() {
        return caller.getExpiresAt();
    }

    @Override
    public long getExpirationTime() {
        return caller.getExpiresAt().getEpochSecond();
    }

    @Override
    public Map<String, Object> getClaims() {
        return caller.getClaims();
    }

    @Override
    public Set<String> getClaimNames() {
        var names = new LinkedHashSet<>(caller.getClaims().keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    /** {@code groups}: whether the caller has a role; any other: whether the token carries the claim. */
    @Override
    public boolean containsClaim(String claimName) {
        if (Claims.groups.name().equals(claimName)) {
            return !caller.getRoles().isEmpty();
        }
        return getClaim(claimName) != null;
    }

    /** MP JWT's types for the claims it types, bearer-guard's for the others (see the class comment). */
    @Override
    @SuppressWarnings("unchecked")
    public Object getClaim(String claimName) {
        if (Claims.raw_token.name().equals(claimName)) {
            return caller.getRawToken();
        } else if (Claims.groups.name().equals(claimName)) {
            return caller.getRoles();
        } else if (Claims.aud.name().equals(claimName)) {
            return caller.getClaims().containsKey(claimName) ? caller.getAudience() : null;
        }
        var value = caller.getClaims().get(claimName);
        if (TIMES.contains(claimName) && value instanceof Number n) {
            return n.longValue();
        }
        return value;
    }

    @Override
    public String getRawToken() {
        return caller.getRawToken();
    }

    @Override
    public Optional<String> getAuthenticationContextClass() {
        return caller.getAuthenticationContextClass();
    }

    @Override
    public Optional<Instant> getAuthenticationTime() {
        return caller.getAuthenticationTime();
    }

    @Override
    public Optional<String> getDpopKeyThumbprint() {
        return caller.getDpopKeyThumbprint();
    }

    @Override
    public Optional<String> getCertificateThumbprint() {
        return caller.getCertificateThumbprint();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BearerPrincipal p && Objects.equals(getIssuer(), p.getIssuer())
                && Objects.equals(getSubject(), p.getSubject()) && Objects.equals(getName(), p.getName());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getIssuer(), getSubject(), getName());
    }

    @Override
    public String toString() {
        return caller.toString();
    }
}
