package org.bearerguard.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.bearerguard.BearerPrincipal;

/** Principals for tests of what comes after verification (authorization), without a token. */
public final class TestPrincipals {

    private TestPrincipals() {
    }

    public static BearerPrincipal of(Set<String> scopes, Set<String> roles) {
        return new BearerPrincipal() {
            @Override
            public String getName() {
                return "n";
            }

            @Override
            public String getSubject() {
                return "s";
            }

            @Override
            public String getIssuer() {
                return "i";
            }

            @Override
            public Set<String> getAudience() {
                return Set.of();
            }

            @Override
            public Set<String> getScopes() {
                return scopes;
            }

            @Override
            public Set<String> getRoles() {
                return roles;
            }

            @Override
            public Instant getExpiresAt() {
                return Instant.now();
            }

            @Override
            public Map<String, Object> getClaims() {
                return Map.of();
            }

            @Override
            public String getRawToken() {
                return "t";
            }
        };
    }
}
