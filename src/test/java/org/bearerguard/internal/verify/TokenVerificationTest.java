package org.bearerguard.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verification rules, end to end through the real pipeline against a real JWKS server on 127.0.0.1. */
class TokenVerificationTest {

    private static JwksServer issuer;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED, TestKeys.RSA_WEAK);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.audience", "api,other").build());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    private static TestTokens token() {
        return TestTokens.rs256().issuer(issuer.issuer());
    }

    private static String invalidToken(String description) {
        return org.bearerguard.testing.TestChallenges.invalidToken(description);
    }

    private static ErrorResponse respond(TestTokens token) {
        return pipeline.respond(token.build());
    }

    @Test
    void whenRs256TokenIsValidThenPrincipalCarriesItsClaims() throws Exception {
        var principal = pipeline.authenticate(token().build());

        assertThat(principal.getName()).isEqualTo("alice");
        assertThat(principal.getSubject()).isEqualTo("user-1");
        assertThat(principal.getIssuer()).isEqualTo(issuer.issuer());
        assertThat(principal.getAudience()).containsExactly("api");
        assertThat(principal.getScopes()).containsExactlyInAnyOrder("openid", "orders:read");
        assertThat(principal.getRoles()).containsExactly("user");
        assertThat(principal.getExpiresAt()).isAfter(Instant.now());
        assertThat(principal.getClaims()).containsKey("realm_access");
    }

    @Test
    void whenTokenIsSignedWithPs256Es256OrEdDsaThenItIsAccepted() throws Exception {
        assertThat(pipeline.authenticate(TestTokens.signedBy(TestKeys.RSA, "PS256").issuer(issuer.issuer()).build()))
                .isNotNull();
        assertThat(pipeline.authenticate(TestTokens.signedBy(TestKeys.EC, "ES256").issuer(issuer.issuer()).build()))
                .isNotNull();
        assertThat(pipeline.authenticate(TestTokens.signedBy(TestKeys.ED, "EdDSA").issuer(issuer.issuer()).build()))
                .isNotNull();
    }

    @Test
    void whenTokenHasNoKidThenThePublishedKeysThatFitAreTried() throws Exception {
        assertThat(pipeline.authenticate(token().noKid().build()).getName()).isEqualTo("alice");
    }

    @Test
    void whenTokenTypeIsAtJwtThenItIsAccepted() throws Exception {
        assertThat(pipeline.authenticate(token().header("typ", "at+jwt").build())).isNotNull();
        assertThat(pipeline.authenticate(token().header("typ", "application/at+jwt").build())).isNotNull();
        assertThat(pipeline.authenticate(token().header("typ", null).build())).isNotNull();
    }

    @Test
    void whenAudienceIsAnArrayContainingAConfiguredOneThenItIsAccepted() throws Exception {
        assertThat(pipeline.authenticate(token().audience(List.of("x", "other")).build()).getAudience())
                .containsExactlyInAnyOrder("x", "other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE"})
    void whenAlgIsNoneThenRespondsWithInvalidToken(String none) {
        var response = respond(token().unsigned(none));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .contains(invalidToken("The token signing algorithm is not accepted"));
    }

    @Test
    void whenHs256IsSignedWithTheRsaPublicKeyThenRespondsWithInvalidToken() {
        var publicKeyBytes = TestKeys.RSA.getPublicKey().getEncoded();
        var response = respond(token().header("alg", "HS256").signingKey(new HmacKey(publicKeyBytes)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .contains(invalidToken("The token signing algorithm is not accepted"));
    }

    @Test
    void whenTokenIsSignedByAnotherKeyUnderATrustedKidThenRespondsWithInvalidToken() {
        var response = respond(TestTokens.signedBy(TestKeys.ATTACKER, "RS256").issuer(issuer.issuer()));

        assertThat(response.header("WWW-Authenticate")).contains(invalidToken("The token signature is invalid"));
    }

    @Test
    void whenKidNamesAKeyOfAnotherTypeThenRespondsWithInvalidToken() {
        var response = respond(token().kid("ec-1"));

        assertThat(response.header("WWW-Authenticate"))
                .contains(invalidToken("The token signing algorithm is not accepted"));
    }

    @Test
    void whenKeyIsAWeakRsaKeyThenItIsNeverUsed() {
        var response = respond(TestTokens.signedBy(TestKeys.RSA_WEAK, "RS256").issuer(issuer.issuer()));

        assertThat(response.header("WWW-Authenticate")).contains(invalidToken("The token signing key is unknown"));
    }

    @Test
    void whenTokenHasExpiredThenRespondsWithInvalidToken() {
        assertThat(respond(token().expired()).header("WWW-Authenticate"))
                .contains(invalidToken("The token has expired"));
    }

    @Test
    void whenTokenExpiredWithinTheClockSkewThenItIsAccepted() throws Exception {
        assertThat(pipeline.authenticate(token().expiresIn(Duration.ofSeconds(-30)).build())).isNotNull();
    }

    @Test
    void whenTokenHasNoExpiryThenRespondsWithInvalidToken() {
        assertThat(respond(token().without("exp")).header("WWW-Authenticate"))
                .contains(invalidToken("The token has no expiry"));
    }

    @Test
    void whenATimeClaimIsAtTheEndOfJavaTimeThenRespondsWithMalformedClaimsNotAServerError() {
        long end = java.time.Instant.MAX.getEpochSecond();
        long start = java.time.Instant.MIN.getEpochSecond();

        for (var token : List.of(token().claim("exp", end), token().claim("nbf", start), token().claim("iat", start),
                token().claim("exp", 253_402_300_800L))) {
            assertThat(respond(token).header("WWW-Authenticate")).contains(invalidToken("The token claims are malformed"));
        }
    }

    @Test
    void whenTokenIsNotYetValidThenRespondsWithInvalidToken() {
        assertThat(respond(token().notBefore(Instant.now().plusSeconds(600))).header("WWW-Authenticate"))
                .contains(invalidToken("The token is not yet valid"));
    }

    @Test
    void whenTokenIsIssuedInTheFutureThenRespondsWithInvalidToken() {
        assertThat(respond(token().claim("iat", Instant.now().plusSeconds(600).getEpochSecond()))
                .header("WWW-Authenticate")).contains(invalidToken("The token issue time is in the future"));
    }

    @Test
    void whenIssuerIsNotConfiguredThenRespondsWithInvalidTokenWithoutAnyFetch() {
        int before = issuer.jwksRequests() + issuer.discoveryRequests();

        var response = respond(token().issuer("https://evil.example"));

        assertThat(response.header("WWW-Authenticate")).contains(invalidToken("The token issuer is not trusted"));
        assertThat(issuer.jwksRequests() + issuer.discoveryRequests()).isEqualTo(before);
    }

    @Test
    void whenIssuerDiffersOnlyByATrailingSlashThenItIsNotTrusted() {
        assertThat(respond(token().issuer(issuer.issuer() + "/")).status()).isEqualTo(401);
    }

    @Test
    void whenAudienceIsNotConfiguredOneThenRespondsWithInvalidToken() {
        assertThat(respond(token().audience("someone-else")).header("WWW-Authenticate"))
                .contains(invalidToken("The token is not meant for this audience"));
        assertThat(respond(token().without("aud")).status()).isEqualTo(401);
    }

    @Test
    void whenTypIsNotAJwtTypeThenRespondsWithInvalidToken() {
        assertThat(respond(token().header("typ", "dpop+jwt")).header("WWW-Authenticate"))
                .contains(invalidToken("The token type is not accepted"));
        assertThat(respond(token().header("typ", 7)).status()).isEqualTo(401);
    }

    @Test
    void whenCritNamesAnyExtensionThenRespondsWithInvalidToken() {
        assertThat(respond(token().header("crit", List.of("exp")).header("exp", 1)).header("WWW-Authenticate"))
                .contains(invalidToken("The token has critical header parameters that are not understood"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "application/jwt", "APPLICATION/JWT", "Application/Jwt; charset=utf-8",
            " jwt ", "jwt;x=y", "at+jwt", "application/at+JWT", "secevent+jwt", "application/secevent+jwt; a=b", "JOSE",
            "jose+json", "application/jose"})
    void whenCtyNamesANestedJwtOrJoseObjectInAnySpellingThenRespondsWithInvalidToken(String cty) {
        assertThat(respond(token().header("cty", cty)).header("WWW-Authenticate"))
                .contains(invalidToken("The token is not a well-formed signed JWT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "application/json", "text/plain", "application/jwk+json", "jwtx", "x-jwt"})
    void whenCtyNamesAnotherMediaTypeThenItIsAccepted(String cty) throws Exception {
        assertThat(pipeline.authenticate(token().header("cty", cty).build())).isNotNull();
    }

    @Test
    void whenHeaderCarriesAJkuOrJwkThenTheyAreIgnoredAndNeverFetched() {
        var attackerJwk = Map.of("kty", "RSA", "n", "AQAB", "e", "AQAB");
        var response = respond(TestTokens.signedBy(TestKeys.ATTACKER, "RS256").issuer(issuer.issuer())
                .header("jku", "http://127.0.0.1:1/jwks").header("jwk", attackerJwk).header("x5u", "http://127.0.0.1:1/x"));

        assertThat(response.header("WWW-Authenticate")).contains(invalidToken("The token signature is invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "nbf", "iat"})
    void whenATimeClaimIsAStringThenRespondsWithInvalidToken(String claim) {
        assertThat(respond(token().claim(claim, "tomorrow")).header("WWW-Authenticate"))
                .contains(invalidToken("The token claims are malformed"));
    }

    @Test
    void whenAudienceOrIssuerHasAWrongTypeThenRespondsWithInvalidToken() {
        assertThat(respond(token().audience(Map.of("a", 1))).status()).isEqualTo(401);
        assertThat(respond(token().audience(List.of("api", 3))).status()).isEqualTo(401);
        assertThat(respond(token().claim("iss", List.of(issuer.issuer()))).header("WWW-Authenticate"))
                .contains(invalidToken("The token claims are malformed"));
        assertThat(respond(token().claim("scope", 12)).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a.b.c.d.e", "....", "e30.e30.", "bm90IGpzb24.e30.c2ln", "e30.bm90IGpzb24.c2ln"})
    void whenTokenIsNotAWellFormedJwsThenRespondsWithInvalidToken(String token) {
        var response = pipeline.respond(token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void whenPayloadIsAJsonArrayThenRespondsWithInvalidToken() {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        var header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        var payload = b64.encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8));

        assertThat(pipeline.respond(header + "." + payload + ".c2ln").header("WWW-Authenticate"))
                .contains(invalidToken("The token is not a well-formed signed JWT"));
    }

    @Test
    void whenSignatureIsStrippedOrTakenFromAnotherTokenThenRespondsWithInvalidToken() {
        var good = token().build();
        var other = token().claim("sub", "mallory").build();
        var stripped = good.substring(0, good.lastIndexOf('.') + 1);
        var swapped = other.substring(0, other.lastIndexOf('.')) + good.substring(good.lastIndexOf('.'));

        assertThat(pipeline.respond(stripped).status()).isEqualTo(401);
        assertThat(pipeline.respond(swapped).header("WWW-Authenticate"))
                .contains(invalidToken("The token signature is invalid"));
    }

    @Test
    void whenTheSignatureIsSpelledWithPaddingBitsSetThenRespondsWithInvalidToken() throws Exception {
        var good = token().build();
        var dot = good.lastIndexOf('.');
        var respelled = good.substring(0, dot + 1) + CompactJwsTest.withPaddingBitsSet(good.substring(dot + 1));

        assertThat(pipeline.authenticate(good)).isNotNull();
        assertThat(pipeline.respond(respelled).header("WWW-Authenticate"))
                .contains(invalidToken("The token is not a well-formed signed JWT"));
    }

    @Test
    void whenTokenHasNeitherPrincipalClaimNorSubjectThenRespondsWithInvalidToken() {
        assertThat(respond(token().without("sub").without("preferred_username")).status()).isEqualTo(401);
    }

    @Test
    void whenPrincipalClaimIsMissingThenSubjectNamesThePrincipal() throws Exception {
        assertThat(pipeline.authenticate(token().without("preferred_username").build()).getName()).isEqualTo("user-1");
    }
}
