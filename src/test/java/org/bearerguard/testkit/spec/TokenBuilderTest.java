package org.bearerguard.testkit.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.bearerguard.testkit.DpopProof;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TokenBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bearerguard.testing.TestRequests;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link TokenBuilder} and {@link DpopProof} put in a token, read back with jose4j. */
class TokenBuilderTest {

    private static final SigningKey KEY = SigningKey.rsa("k1");
    private static final String ISSUER = "http://127.0.0.1:1/realm";

    private static TokenBuilder token() {
        return TokenBuilder.of(ISSUER, "api", KEY);
    }

    private static Map<String, Object> part(String token, int index) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]),
                StandardCharsets.UTF_8));
    }

    private static boolean verifies(String token, java.security.PublicKey key) throws Exception {
        var jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setCompactSerialization(token);
        jws.setKey(key);
        return jws.verifySignature();
    }

    @Test
    void whenBuiltByDefaultThenItIsAnRfc9068AccessTokenFiveMinutesLong() throws Exception {
        var before = Instant.now().getEpochSecond();
        var token = token().build();

        assertThat(part(token, 0)).isEqualTo(Map.of("alg", "RS256", "typ", "at+jwt", "kid", "k1"));
        var claims = part(token, 1);
        assertThat(claims).containsEntry("iss", ISSUER).containsEntry("sub", "user-1").containsEntry("aud", "api")
                .containsEntry("client_id", "test-client").containsKeys("jti", "iat", "exp").hasSize(7);
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
                .isEqualTo(300);
        assertThat(((Number) claims.get("iat")).longValue()).isBetween(before, before + 5);
        assertThat(verifies(token, KEY.publicKey())).isTrue();
    }

    @Test
    void whenExpiredThenItWasIssuedBeforeItExpired() throws Exception {
        var claims = part(token().expired().build(), 1);
        var now = Instant.now().getEpochSecond();

        assertThat(((Number) claims.get("exp")).longValue()).isBetween(now - 601, now - 599);
        assertThat(((Number) claims.get("iat")).longValue()).isBetween(now - 901, now - 899);
    }

    @Test
    void whenAKeyIsAdoptedThenTheCallersJwkIsLeftAsItWas() throws Exception {
        var jwk = org.jose4j.jwk.EcJwkGenerator.generateJwk(org.jose4j.keys.EllipticCurves.P256);
        jwk.setKeyId("theirs");
        jwk.setUse("enc");

        var adopted = SigningKey.of(jwk, "mine", "ES256");

        assertThat(adopted.kid()).isEqualTo("mine");
        assertThat(adopted.publicJwk()).containsEntry("use", "sig");
        assertThat(jwk.getKeyId()).isEqualTo("theirs");
        assertThat(jwk.getUse()).isEqualTo("enc");
    }

    @Test
    void whenAnAlgorithmIsUnknownOrTheKeyIsOfTheWrongKindThenBuildSaysSo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> token().algorithm("X").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown JWS algorithm X");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> token().sharedSecret(new byte[32])
                        .algorithm("RS256").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("RS256 signs with a private key");
    }

    @Test
    void whenEachTokenIsBuiltThenItsJtiIsItsOwn() throws Exception {
        assertThat(part(token().build(), 1).get("jti")).isNotEqualTo(part(token().build(), 1).get("jti"));
    }

    @Test
    void whenScopesRolesAndAudiencesAreGivenThenTheyAreTheClaimsBearerGuardReads() throws Exception {
        var claims = part(token().subject("alice").username("Alice").scopes("a", "b").roles("r1", "r2")
                .audience("api", "other").clientId("shop").build(), 1);

        assertThat(claims).containsEntry("sub", "alice").containsEntry("preferred_username", "Alice")
                .containsEntry("scope", "a b").containsEntry("groups", List.of("r1", "r2"))
                .containsEntry("aud", List.of("api", "other")).containsEntry("client_id", "shop");
    }

    @Test
    void whenTimesAreGivenThenTheyAreEpochSeconds() throws Exception {
        var at = Instant.parse("2030-01-02T03:04:05Z");
        var claims = part(token().issuedAt(at).notBefore(at).expiresAt(at.plus(Duration.ofHours(1))).build(), 1);

        assertThat(claims).containsEntry("iat", at.getEpochSecond()).containsEntry("nbf", at.getEpochSecond())
                .containsEntry("exp", at.getEpochSecond() + 3600);
    }

    @Test
    void whenBoundToADpopKeyThenCnfJktIsItsThumbprint() throws Exception {
        var dpopKey = SigningKey.ec("client");

        assertThat(part(token().boundTo(dpopKey).build(), 1))
                .containsEntry("cnf", Map.of("jkt", dpopKey.jwk().calculateBase64urlEncodedThumbprint("SHA-256")));
    }

    @Test
    void whenBoundToACertificateThenCnfIsItsSha256Thumbprint() throws Exception {
        var certificate = TestRequests.RIGHT_CERTIFICATE;
        var expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));

        assertThat(part(token().boundTo(certificate).build(), 1)).containsEntry("cnf", Map.of("x5t#S256", expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void whenAKeyIsMadeForAnAlgorithmThenItsTokensVerifyUnderIt(String algorithm) throws Exception {
        var key = SigningKey.forAlgorithm("k", algorithm);
        var token = TokenBuilder.of(ISSUER, "api", key).build();

        assertThat(part(token, 0)).containsEntry("alg", algorithm);
        assertThat(verifies(token, key.publicKey())).isTrue();
    }

    @Test
    void whenSignedWithAnotherKeyThenTheKidStaysAndTheSignatureFailsUnderThePublishedKey() throws Exception {
        var token = token().signedWith(SigningKey.rsa("other")).build();

        assertThat(part(token, 0)).containsEntry("kid", "k1");
        assertThat(verifies(token, KEY.publicKey())).isFalse();
    }

    @Test
    void whenUnsignedThenAlgIsNoneAndTheSignatureEmpty() throws Exception {
        var token = token().unsigned().build();

        assertThat(part(token, 0)).containsEntry("alg", "none");
        assertThat(token).endsWith(".");
    }

    @Test
    void whenAClaimIsSetToAnyValueOrRemovedThenThePayloadSaysSo() throws Exception {
        var claims = part(token().claim("tenant", Map.of("id", 7)).without("client_id").build(), 1);

        assertThat(claims).containsEntry("tenant", Map.of("id", 7L)).doesNotContainKey("client_id");
    }

    @Test
    void whenAProofIsBuiltThenItCarriesTheKeyTheRequestAndTheTokensHash() throws Exception {
        var dpopKey = SigningKey.ec("client");
        var token = token().boundTo(dpopKey).build();
        var proof = DpopProof.of(dpopKey, "POST", "https://api.example/orders").accessToken(token).nonce("n1")
                .build();

        assertThat(part(proof, 0)).containsEntry("typ", "dpop+jwt").containsEntry("alg", "ES256")
                .containsEntry("jwk", dpopKey.publicJwk());
        assertThat(part(proof, 1)).containsEntry("htm", "POST").containsEntry("htu", "https://api.example/orders")
                .containsEntry("nonce", "n1").containsEntry("ath", DpopProof.ath(token)).containsKeys("jti", "iat");
        assertThat(verifies(proof, dpopKey.publicKey())).isTrue();
    }
}
