package org.bearerguard.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only access tokens pass (RFC 9068 §4): an ID, refresh or logout token of the same issuer is refused even when its
 * {@code aud} names this API; with {@code require-at-jwt}, only a header {@code typ} of {@code at+jwt} passes.
 */
class AccessTokenTypeTest {

    private static final String TYPE_NOT_ACCEPTED =
            org.bearerguard.testing.TestChallenges.invalidToken("The token type is not accepted");

    private static JwksServer issuer;
    private static JwksServer strictIssuer;
    private static JwksServer anyAudienceIssuer;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA);
        strictIssuer = JwksServer.start(TestKeys.EC);
        anyAudienceIssuer = JwksServer.start(TestKeys.ED);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer())
                .with("bearer.issuers.strict.issuer", strictIssuer.issuer())
                .with("bearer.issuers.strict.require-at-jwt", "true")
                .with("bearer.issuers.any.issuer", anyAudienceIssuer.issuer())
                .with("bearer.issuers.any.audience-check", "off")
                .build());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
        strictIssuer.close();
        anyAudienceIssuer.close();
    }

    private static TestTokens token() {
        return TestTokens.rs256().issuer(issuer.issuer());
    }

    private static TestTokens strictToken() {
        return TestTokens.signedBy(TestKeys.EC, "ES256").issuer(strictIssuer.issuer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ID", "Refresh", "Logout", "Offline", "id", "Serialized-ID", ""})
    void whenPayloadTypIsNotAnAccessTokenTypeThenRespondsWithInvalidTokenEvenWithTheRightAudience(String typ) {
        var response = pipeline.respond(token().claim("typ", typ).audience("api").build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(TYPE_NOT_ACCEPTED);
    }

    @Test
    void whenPayloadTypIsNotAStringThenRespondsWithInvalidToken() {
        var response = pipeline.respond(token().claim("typ", List.of("Bearer")).build());

        assertThat(response.header("WWW-Authenticate")).contains(TYPE_NOT_ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "bearer", "BEARER"})
    void whenPayloadTypIsBearerInAnyCaseThenItIsAccepted(String typ) throws Exception {
        assertThat(pipeline.authenticate(token().claim("typ", typ).build()).getName()).isEqualTo("alice");
    }

    @Test
    void whenTheTokenIsBoundToADpopKeyThenItIsRefusedAsABearerToken() {
        // RFC 9449 §7.2: a stolen DPoP-bound token must not work without its proof
        var response = pipeline.respond(token().claim("typ", "DPoP")
                .claim("cnf", java.util.Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")).build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(org.bearerguard.testing.TestChallenges.invalidToken(
                "The token is bound to a key that the request does not prove"));
    }

    @Test
    void whenTheTokenIsBoundToACertificateThatTheRequestLacksThenItIsRefused() {
        // RFC 8705 §3: no TLS client certificate, no certificate-bound token
        var response = pipeline.respond(token()
                .claim("cnf", java.util.Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg0")).build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(org.bearerguard.testing.TestChallenges.invalidToken(
                "The token is bound to a certificate that the request does not present"));
    }

    @Test
    void whenThePayloadTypIsDpopWithoutAKeyToProveThenTheTypeIsNotAccepted() {
        var response = pipeline.respond(token().claim("typ", "DPoP").build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(TYPE_NOT_ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"jwk\":{}}", "{\"kid\":\"k\"}", "{\"jkt\":\"short\"}", "{\"x5t#S256\":1}"})
    void whenTheConfirmationIsEmptyUnknownOrMalformedThenTheTokenIsRefused(String cnf) throws Exception {
        // RFC 7800: a binding that cannot be checked is never ignored
        var response = pipeline.respond(token().claim("cnf", org.jose4j.json.JsonUtil.parseJson(cnf)).build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate").orElseThrow()).containsAnyOf(
                "The token is bound in a way that is not supported", "The token claims are malformed");
    }

    @Test
    void whenTheJktHoldsCharactersBeyondTheBmpThenTheTokenIsRefused() {
        var jkt = "\uD83D\uDE00".repeat(21) + "A"; // 43 UTF-16 units: as long as a SHA-256 thumbprint
        var response = pipeline.respond(token().claim("cnf", java.util.Map.of("jkt", jkt)).build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate").orElseThrow()).contains("The token claims are malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonce", "at_hash", "c_hash", "s_hash", "events"})
    void whenTheTokenCarriesAClaimOnlyIdOrLogoutTokensHaveThenItIsRefused(String claim) {
        // OIDC Core §2 / §3.3.2.11, OIDC Back-Channel Logout §2.4: an ID or logout token with this API's aud
        var response = pipeline.respond(token().claim(claim, "x").build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(TYPE_NOT_ACCEPTED);
    }

    @Test
    void whenPayloadTypIsAbsentThenItIsAccepted() throws Exception {
        assertThat(pipeline.authenticate(token().without("typ").build()).getName()).isEqualTo("alice");
    }

    @Test
    void whenRequireAtJwtIsOnAndTheHeaderTypIsJwtOrAbsentThenRespondsWithInvalidToken() {
        assertThat(pipeline.respond(strictToken().header("typ", "JWT").build()).header("WWW-Authenticate"))
                .contains(TYPE_NOT_ACCEPTED);
        assertThat(pipeline.respond(strictToken().header("typ", null).build()).header("WWW-Authenticate"))
                .contains(TYPE_NOT_ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt"})
    void whenRequireAtJwtIsOnAndTheHeaderTypIsAtJwtThenItIsAccepted(String typ) throws Exception {
        assertThat(pipeline.authenticate(strictToken().header("typ", typ).build()).getName()).isEqualTo("alice");
    }

    @Test
    void whenRequireAtJwtIsOnThenAnIdTokenTypedAtJwtIsStillRefused() {
        var response = pipeline.respond(strictToken().header("typ", "at+jwt").claim("typ", "ID").build());

        assertThat(response.header("WWW-Authenticate")).contains(TYPE_NOT_ACCEPTED);
    }

    @Test
    void whenRequireAtJwtIsOffThenAPlainJwtTypIsAccepted() throws Exception {
        assertThat(pipeline.authenticate(token().header("typ", "JWT").build()).getName()).isEqualTo("alice");
    }

    @Test
    void whenTheAudienceCheckIsOffThenAnyAudienceIsAcceptedButNotAnIdToken() throws Exception {
        var anyAudience = TestTokens.signedBy(TestKeys.ED, "EdDSA").issuer(anyAudienceIssuer.issuer());

        assertThat(pipeline.authenticate(anyAudience.audience("someone-else").build()).getName()).isEqualTo("alice");
        assertThat(pipeline.respond(anyAudience.claim("typ", "ID").build()).header("WWW-Authenticate"))
                .contains(TYPE_NOT_ACCEPTED);
    }

    @Test
    void whenTheAudienceIsAnotherOneThenRespondsWithInvalidToken() {
        assertThat(pipeline.respond(token().audience("someone-else").build()).header("WWW-Authenticate"))
                .contains(org.bearerguard.testing.TestChallenges.invalidToken(
                        "The token is not meant for this audience"));
    }
}
