package org.bearerguard.internal.mpjwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Code written for MicroProfile JWT reads the caller as it did: the principal is also a JsonWebToken. */
class JwtPrincipalTest {

    private final JwksServer issuer = JwksServer.start(TestKeys.RSA);
    private final Pipeline pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).build());

    @AfterEach
    void stop() {
        pipeline.close();
        issuer.close();
    }

    private JsonWebToken caller(TestTokens token) {
        BearerPrincipal principal;
        try {
            principal = pipeline.authenticate(token.issuer(issuer.issuer()).build());
        } catch (org.bearerguard.internal.error.BearerException e) {
            throw new AssertionError(e.error().toString());
        }
        assertThat(principal).isInstanceOf(JsonWebToken.class);
        return (JsonWebToken) principal;
    }

    @Test
    void whenTheApiIsVisibleThenTheVerifiedCallerIsAJsonWebTokenWithMpJwtTypes() {
        var token = TestTokens.rs256().claim("jti", "id-7").claim("auth_time", 1_700_000_000)
                .claim("realm_access", Map.of("roles", List.of("auditor", "user")));
        var jwt = caller(token);

        assertThat(jwt.getName()).isEqualTo("alice");
        assertThat(jwt.getSubject()).isEqualTo("user-1");
        assertThat(jwt.getTokenID()).isEqualTo("id-7");
        assertThat(jwt.getGroups()).containsExactlyInAnyOrder("auditor", "user");
        assertThat(jwt.getAudience()).containsExactly("api");
        assertThat(jwt.<Set<String>>getClaim(Claims.aud)).containsExactly("api");
        assertThat(jwt.<Long>getClaim(Claims.auth_time)).isEqualTo(1_700_000_000L);
        assertThat(jwt.getExpirationTime()).isEqualTo(jwt.<Long>getClaim("exp"));
        assertThat(jwt.getIssuedAtTime()).isPositive();
        assertThat(jwt.getRawToken()).isEqualTo(jwt.<String>getClaim("raw_token"));
        assertThat(jwt.<String>getClaim("scope")).isEqualTo("openid orders:read");
        assertThat(jwt.getClaimNames()).contains("iss", "sub", "exp", "raw_token", "realm_access");
        assertThat(jwt.containsClaim("nope")).isFalse();
        assertThat(jwt.claim("realm_access")).isPresent();
    }

    @Test
    void whenComparedWithTheVerifiedPrincipalThenEqual() {
        var jwt = (JwtPrincipal) caller(TestTokens.rs256());

        assertThat(jwt).isEqualTo(jwt.caller());
        assertThat(jwt.hashCode()).isEqualTo(new JwtPrincipal(jwt.caller()).hashCode());
        assertThat(jwt.toString()).doesNotContain(jwt.getRawToken());
    }

    @Test
    void whenTheTokenHasNoRolesThenItContainsNoGroupsClaim() {
        var jwt = caller(TestTokens.rs256().roles());

        assertThat(jwt.getGroups()).isEmpty();
        assertThat(jwt.containsClaim("groups")).isFalse();
    }

    @Test
    void whenNoTokenWasVerifiedThenTheInjectedTokenHasNoNameAndNoClaims() {
        var none = (JsonWebToken) PrincipalView.jsonWebToken(java.util.Optional.empty());

        assertThat(none.getName()).isNull();
        assertThat(none.getRawToken()).isNull();
        assertThat(none.getClaimNames()).isEmpty();
        assertThat(none.getGroups()).isNull();
        assertThat(none.getExpirationTime()).isZero();
        assertThat(none.containsClaim("sub")).isFalse();
    }

    @Test
    void whenACallerWasVerifiedThenTheInjectedTokenIsItsView() {
        var jwt = (JwtPrincipal) caller(TestTokens.rs256());

        assertThat(PrincipalView.jsonWebToken(java.util.Optional.of(jwt))).isSameAs(jwt);
        assertThat(PrincipalView.jsonWebToken(java.util.Optional.of(jwt.caller()))).isEqualTo(jwt);
    }
}
