package org.bearerguard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.bearerguard.testing.NoWarningsLogged;
import org.bearerguard.internal.crypto.KeyFamily;
import org.bearerguard.internal.crypto.Signatures;
import org.bearerguard.testing.SignatureProviders;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack corpus (RFC 8725 and the known JWT CVE classes): every token gets the exact status and
 * {@code WWW-Authenticate} header, through the real pipeline against a real JWKS server. A trap server stands at
 * every URL a token names; it must never be called. Once per signature provider ({@link SignatureProviders}).
 */
@ExtendWith(NoWarningsLogged.class)
@ParameterizedClass(name = "bearer.signature-provider={0}")
@MethodSource("org.bearerguard.testing.SignatureProviders#settings")
class AttackCorpusTest {

    /** 64 bytes: long enough for HS512 (RFC 7518 §3.2). */
    private static final String SHARED_SECRET = "an-honest-shared-secret-long-enough-for-hs512-0123456789abcdefgh";

    @Parameter
    String signatureProvider;

    private static JwksServer issuer;
    private static JwksServer trap;
    private static Pipeline pipeline;
    private static Pipeline withSharedSecret;

    @BeforeParameterizedClassInvocation
    static void start(String signatureProvider) {
        issuer = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED);
        trap = JwksServer.start(TestKeys.ATTACKER);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.audience", "api")
                .with("bearer.signature-provider", signatureProvider).build());
        // HMAC allowed as well: the public key as a secret must still fail on the signature
        withSharedSecret = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.audience", "api")
                .with("bearer.signature-provider", signatureProvider)
                .with("bearer.algorithms", "RS256,ES256,HS256,HS384,HS512")
                .with("bearer.shared-secret", SHARED_SECRET).build());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        withSharedSecret.close();
        pipeline.close();
        trap.close();
        issuer.close();
    }

    private static TestTokens valid() {
        return TestTokens.rs256().issuer(issuer.issuer());
    }

    private static String header(String description) {
        return org.bearerguard.testing.TestChallenges.invalidToken(description);
    }

    static Stream<Arguments> corpus() {
        return AttackCorpus.build(issuer.issuer(), trap.jwksUri()).stream()
                .map(a -> Arguments.of(a.name(), a.token(), a.description()));
    }

    private static String hmac(String alg, byte[] secret) {
        return AttackCorpus.hmac(issuer.issuer(), alg, secret);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void whenAnAttackTokenArrivesThenRespondsWith401AndTheExactChallenge(String attack, String token,
                                                                          String description) {
        var response = pipeline.respond(token);

        assertThat(response.status()).as(attack).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).as(attack).contains(header(description));
        assertThat(trap.jwksRequests() + trap.discoveryRequests()).as("requests to token-supplied URLs").isZero();
    }

    @Test
    void whenTheCorpusRunsThenTheProviderItNamesChecksEcdsaSignatures() {
        var provider = Signatures.forSetting(signatureProvider).provider(KeyFamily.P256);

        assertThat(provider == null ? "jdk" : provider.getName()).isEqualTo(signatureProvider);
    }

    /**
     * RFC 8017 §8.2.2 step 1: an RSA signature is exactly as long as the modulus. One with its leading zero byte left
     * off is another spelling of a valid token (BouncyCastle took it); refused like any bad signature.
     */
    @Test
    void whenAnRsaSignatureIsShorterThanTheModulusThenItIsRefused() {
        var decoder = java.util.Base64.getUrlDecoder();
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        for (var alg : List.of("RS256", "PS256")) {
            String token;
            byte[] signature;
            int jti = 0;
            do { // one in 256 signatures starts with a zero byte
                token = TestTokens.signedBy(TestKeys.RSA, alg).issuer(issuer.issuer()).claim("jti", "j-" + jti++)
                        .build();
                signature = decoder.decode(token.substring(token.lastIndexOf('.') + 1));
            } while (signature[0] != 0);
            var shortened = token.substring(0, token.lastIndexOf('.') + 1)
                    + encoder.encodeToString(java.util.Arrays.copyOfRange(signature, 1, signature.length));

            assertThat(pipeline.respond(token).status()).as(alg + " as signed").isEqualTo(200);
            var response = pipeline.respond(shortened);
            assertThat(response.status()).as(alg).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(alg).contains(header(AttackCorpus.SIGNATURE));
        }
    }

    @Test
    void whenHmacIsAllowedThenATokenKeyedWithThePublicKeyStillFailsOnTheSignature() {
        for (var hs : List.of("HS256", "HS384", "HS512")) {
            var response = withSharedSecret.respond(hmac(hs, TestKeys.RSA.getPublicKey().getEncoded()));
            assertThat(response.header("WWW-Authenticate")).as(hs).contains(header(AttackCorpus.SIGNATURE));
        }
    }

    @Test
    void whenHmacIsAllowedThenATokenKeyedWithTheSharedSecretIsAccepted() throws Exception {
        var token = valid().header("alg", "HS256").noKid()
                .signingKey(new HmacKey(SHARED_SECRET.getBytes())).build();

        assertThat(withSharedSecret.authenticate(token).getName()).isEqualTo("alice");
    }

    @Test
    void whenExpIsAFractionalNumberInTheFutureThenItIsAcceptedAsRfc7519Allows() throws Exception {
        var exp = java.time.Instant.now().getEpochSecond() + 300.5;

        assertThat(pipeline.authenticate(valid().claim("exp", exp).build()).getName()).isEqualTo("alice");
    }
}
