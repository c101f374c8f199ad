package org.bearerguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An application configured for MicroProfile JWT switches without rewriting its configuration. */
class MpJwtConfigTest {

    private final Map<String, String> values = new HashMap<>(Map.of(
            "mp.jwt.verify.issuer", "https://id.example/realms/shop",
            "mp.jwt.verify.audiences", "orders-api, web",
            "mp.jwt.verify.publickey.location", "https://id.example/realms/shop/protocol/openid-connect/certs"));

    private BearerConfig read() {
        return new ConfigReader(k -> Optional.ofNullable(values.get(k)), values.keySet()).read();
    }

    private IssuerConfig issuer() {
        return read().issuers().get(0);
    }

    @Test
    void whenOnlyMpJwtPropertiesAreSetThenTheyConfigureTheIssuer() {
        var issuer = issuer();

        assertThat(issuer.issuer()).isEqualTo("https://id.example/realms/shop");
        assertThat(issuer.audiences()).contains(Set.of("orders-api", "web"));
        assertThat(issuer.jwksUri()).hasValueSatisfying(uri -> assertThat(uri.toString())
                .isEqualTo("https://id.example/realms/shop/protocol/openid-connect/certs"));
    }

    @Test
    void whenMpJwtNamesNoAlgorithmThenOnlyRs256AsInMpJwt() {
        assertThat(issuer().algorithms()).containsExactly("RS256");
    }

    @Test
    void whenMpJwtNamesTheAlgorithmThenOnlyThatOne() {
        values.put("mp.jwt.verify.publickey.algorithm", "ES256");

        assertThat(issuer().algorithms()).containsExactly("ES256");
    }

    @Test
    void whenBearerAlgorithmsAreSetThenTheyStandBesideTheMpJwtIssuer() {
        values.put("bearer.algorithms", "RS256,PS256");

        assertThat(issuer().algorithms()).containsExactlyInAnyOrder("RS256", "PS256");
    }

    @Test
    void whenClockSkewIsInSecondsThenItIsTheIssuersSkew() {
        values.put("mp.jwt.verify.clock.skew", "15");

        assertThat(issuer().clockSkew()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void whenClockSkewIsNotANumberThenTheDeploymentFailsNamingIt() {
        values.put("mp.jwt.verify.clock.skew", "15s");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("mp.jwt.verify.clock.skew must be a whole number of seconds; got '15s'");
    }

    @Test
    void whenBothNameTheSameValueThenNoConflict() {
        values.put("bearer.issuer", "https://id.example/realms/shop");
        values.put("bearer.audience", "web,orders-api");
        values.put("bearer.clock-skew", "PT60S");
        values.put("mp.jwt.verify.clock.skew", "60");

        assertThat(issuer().issuer()).isEqualTo("https://id.example/realms/shop");
    }

    @Test
    void whenBothDisagreeThenTheDeploymentFailsNamingBoth() {
        values.put("bearer.issuer", "https://other.example/");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.issuer=https://other.example/ and mp.jwt.verify.issuer="
                        + "https://id.example/realms/shop disagree: set one of them");
    }

    @Test
    void whenDisagreeingLocationsCarryCredentialsThenTheMessageDoesNotShowThem() {
        values.put("mp.jwt.verify.publickey.location", "https://ops:s3cret@id.example/certs");
        values.put("bearer.jwks-uri", "https://id.example/other/certs");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.jwks-uri=https://id.example/other/certs and mp.jwt.verify.publickey.location="
                        + "https://***@id.example/certs disagree: set one of them")
                .message().doesNotContain("s3cret");
    }

    @Test
    void whenAudiencesDisagreeThenTheDeploymentFailsNamingBoth() {
        values.put("bearer.audience", "orders-api");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.audience=orders-api and mp.jwt.verify.audiences=orders-api, web disagree:"
                        + " set one of them");
    }

    @Test
    void whenMpJwtHasNoAudiencesThenTheAudienceIsStillRequired() {
        values.remove("mp.jwt.verify.audiences");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessageContaining("bearer.audience");
    }

    @Test
    void whenTheKeyLocationIsAFileThenTheDeploymentFails() {
        values.put("mp.jwt.verify.publickey.location", "/META-INF/publicKey.pem");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessageStartingWith("mp.jwt.verify.publickey.location must be the URL of a JWKS");
    }

    @Test
    void whenAnInlineKeyOrDecryptionIsConfiguredThenTheDeploymentFailsRatherThanIgnoringIt() {
        values.put("mp.jwt.decrypt.key.location", "privateKey.pem");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("mp.jwt.decrypt.key.location is set, which bearer-guard cannot honour: encrypted tokens"
                        + " (JWE) are not decrypted");
    }

    @Test
    void whenTheTokenComesInACookieThenItsNameIsTheTokenCookie() {
        values.put("mp.jwt.token.header", "Cookie");

        assertThat(read().tokenCookie()).contains("Bearer");

        values.put("mp.jwt.token.cookie", "jwt");
        assertThat(read().tokenCookie()).contains("jwt");
    }

    @Test
    void whenTheTokenHeaderIsNeitherAuthorizationNorCookieThenTheDeploymentFails() {
        values.put("mp.jwt.token.header", "X-Token");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("mp.jwt.token.header must be Authorization or Cookie; got 'X-Token'");
    }

    @Test
    void whenNoMpJwtPropertyIsSetThenBearerDefaultsStand() {
        values.clear();
        values.putAll(Map.of("bearer.issuer", "https://id.example/", "bearer.audience", "api"));

        assertThat(issuer().algorithms()).hasSize(10);
        assertThat(read().tokenCookie()).isEmpty();
        assertThat(read().jakartaSecurity()).isFalse();
    }

    @Test
    void whenTheTokenCookieIsNoCookieNameThenTheDeploymentFails() {
        values.put("bearer.token-cookie", "a b");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessageStartingWith("bearer.token-cookie must be a cookie name");
    }
}
