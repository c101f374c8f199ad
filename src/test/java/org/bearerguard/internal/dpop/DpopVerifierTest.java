package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.internal.dpop.ProofFixtures.METHOD;
import static org.bearerguard.internal.dpop.ProofFixtures.SKEW;
import static org.bearerguard.internal.dpop.ProofFixtures.URI;
import static org.bearerguard.internal.dpop.ProofFixtures.WINDOW;
import static org.bearerguard.internal.dpop.ProofFixtures.check;
import static org.bearerguard.internal.dpop.ProofFixtures.refusal;
import static org.bearerguard.internal.dpop.ProofFixtures.valid;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.bearerguard.testing.TestTokens;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.bearerguard.internal.crypto.Signatures;
import org.bearerguard.testing.SignatureProviders;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A proof that fits its request is valid; one for another method, URI, time or token is not (RFC 9449 §4.3). Once
 * per signature provider ({@link SignatureProviders}).
 */
@ParameterizedClass(name = "bearer.signature-provider={0}")
@MethodSource("org.bearerguard.testing.SignatureProviders#settings")
class DpopVerifierTest {

    private final MutableClock clock = new MutableClock();
    private final DpopVerifier verifier;

    DpopVerifierTest(String signatureProvider) {
        verifier = new DpopVerifier(new DpopPolicy(DpopPolicy.SUPPORTED, WINDOW, SKEW, Optional.empty()), clock,
                Signatures.forSetting(signatureProvider));
    }

    static Stream<Arguments> keys() {
        return Stream.of(Arguments.of(TestKeys.EC, "ES256"), Arguments.of(TestProofs.EC_P384, "ES384"),
                Arguments.of(TestKeys.RSA, "RS256"), Arguments.of(TestKeys.RSA, "RS512"),
                Arguments.of(TestKeys.RSA, "PS256"), Arguments.of(TestKeys.ED, "EdDSA"),
                Arguments.of(TestProofs.ED448, "EdDSA"));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void whenProofFitsTheRequestThenValidWithTheRfc7638ThumbprintOfItsKey(PublicJsonWebKey key, String alg)
            throws JoseException {
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(key, alg).build();

        var result = valid(check(verifier, proof));

        assertThat(result.thumbprint()).isEqualTo(key.calculateBase64urlEncodedThumbprint("SHA-256"));
    }

    @Test
    void whenValidThenTheReplayKeyIsOfTheNormalisedHtuTheJtiAndTheThumbprint() {
        var proof = TestProofs.forRequest(METHOD, "HTTPS://API.example:443/orders").claim("jti", "j-1").build();

        var result = valid(check(verifier, proof));

        assertThat(result.replayKey()).isEqualTo(ReplayKey.of(URI, "j-1", result.thumbprint()));
    }

    @Test
    void whenValidThenItIsAcceptedUntilIatPlusWindowPlusSkew() {
        var iat = clock.instant().minusSeconds(10);
        var result = valid(check(verifier, TestProofs.forRequest(METHOD, URI).issuedAt(iat).build()));

        assertThat(result.issuedAt()).isEqualTo(iat.truncatedTo(ChronoUnit.SECONDS));
        assertThat(result.acceptedUntil()).isEqualTo(result.issuedAt().plus(WINDOW).plus(SKEW));
    }

    @Test
    void whenTheSameProofComesTwiceThenBothPassHereWithOneReplayKey() {
        var proof = TestProofs.forRequest(METHOD, URI).build();

        // replay is the caller's check, with the key: this class keeps no state
        assertThat(valid(check(verifier, proof)).replayKey()).isEqualTo(valid(check(verifier, proof)).replayKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "get", "Get", "HEAD"})
    void whenProofIsForAnotherMethodThenMethodMismatch(String method) {
        var proof = TestProofs.forRequest(method, URI).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.METHOD_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example/order", "https://api.example/orders/", "http://api.example/orders",
        "https://api.example:8443/orders", "https://other.example/orders", "https://api.example/Orders",
        "https://api.example/orders%2F", "https://user@api.example/orders", "api.example/orders", "/orders"})
    void whenProofIsForAnotherUriThenUriMismatch(String htu) {
        var proof = TestProofs.forRequest(METHOD, htu).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.URI_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTPS://API.EXAMPLE/orders", "https://api.example:443/orders",
        "https://api.example:/orders", "https://api.example/%6Frders", "https://api.example/%6frders",
        "https://api.example/x/../orders", "https://api.example/./orders", "https://api.example/a/%2E%2E/orders", "https://api.example:0443/orders"})
    void whenUriDiffersOnlyByNormalisationThenValid(String htu) {
        var proof = TestProofs.forRequest(METHOD, htu).build();

        valid(check(verifier, proof));
    }

    @Test
    void whenTheRequestUriIsTheOneSpelledOddlyThenNormalisedToo() {
        var proof = TestProofs.forRequest(METHOD, URI).build();

        valid(verifier.check(proof, METHOD, "https://API.example:443/a/../orders", Optional.empty()));
    }

    @Test
    void whenQueryAndFragmentDifferThenTheyAreIgnored() {
        var proof = TestProofs.forRequest(METHOD, URI + "?page=1#top").build();

        valid(verifier.check(proof, METHOD, URI + "?page=2", Optional.empty()));
    }

    @Test
    void whenTheRequestUriIsNotAnHttpUriThenUriMismatch() {
        var proof = TestProofs.forRequest(METHOD, URI).build();

        assertThat(refusal(verifier.check(proof, METHOD, "/orders", Optional.empty())))
                .isEqualTo(DpopReason.URI_MISMATCH);
    }

    @Test
    void whenIssuedLongerAgoThanWindowAndSkewThenTooOld() {
        var proof = TestProofs.forRequest(METHOD, URI).issuedAt(clock.instant()).build();
        clock.advance(WINDOW.plus(SKEW).plusSeconds(1));

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.TOO_OLD);
    }

    @Test
    void whenIssuedJustWithinWindowAndSkewThenValid() {
        var iat = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var proof = TestProofs.forRequest(METHOD, URI).issuedAt(iat).build();
        clock.advance(Duration.between(clock.instant(), iat.plus(WINDOW).plus(SKEW)));

        valid(check(verifier, proof));
    }

    @Test
    void whenIssuedFurtherAheadThanTheSkewThenIssuedInFuture() {
        var proof = TestProofs.forRequest(METHOD, URI).issuedAt(clock.instant().plus(SKEW).plusSeconds(2)).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.ISSUED_IN_FUTURE);
    }

    @Test
    void whenIssuedAheadWithinTheSkewThenValid() {
        var proof = TestProofs.forRequest(METHOD, URI).issuedAt(clock.instant().plus(SKEW).minusSeconds(1)).build();

        valid(check(verifier, proof));
    }

    @Test
    void whenAthIsTheHashOfTheAccessTokenThenValid() {
        var token = TestTokens.rs256().build();
        var proof = TestProofs.forRequest(METHOD, URI).accessToken(token).build();

        valid(verifier.check(proof, METHOD, URI, Optional.of(token)));
    }

    @Test
    void whenAthIsTheHashOfAnotherAccessTokenThenAccessTokenMismatch() {
        var proof = TestProofs.forRequest(METHOD, URI).accessToken(TestTokens.rs256().build()).build();

        assertThat(refusal(verifier.check(proof, METHOD, URI, Optional.of(TestTokens.rs256().scope("x").build()))))
                .isEqualTo(DpopReason.ACCESS_TOKEN_MISMATCH);
    }

    @Test
    void whenAnAccessTokenComesWithAProofWithoutAthThenAccessTokenMismatch() {
        var proof = TestProofs.forRequest(METHOD, URI).build();

        assertThat(refusal(verifier.check(proof, METHOD, URI, Optional.of(TestTokens.rs256().build()))))
                .isEqualTo(DpopReason.ACCESS_TOKEN_MISMATCH);
    }

    @Test
    void whenAthIsNotBase64urlOfTheHashButItsHexThenAccessTokenMismatch() {
        var token = TestTokens.rs256().build();
        var hex = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(TestProofs.ath(token)));
        var proof = TestProofs.forRequest(METHOD, URI).claim("ath", hex).build();

        assertThat(refusal(verifier.check(proof, METHOD, URI, Optional.of(token))))
                .isEqualTo(DpopReason.ACCESS_TOKEN_MISMATCH);
    }

    @Test
    void whenNoAccessTokenComesThenAthIsNotLookedAt() {
        var proof = TestProofs.forRequest(METHOD, URI).claim("ath", "anything").build();

        valid(check(verifier, proof));
    }

    @Test
    void whenAlgorithmsAreAskedForThenTheyComeSortedForTheChallenge() {
        assertThat(verifier.algorithms()).containsExactly("ES256", "ES384", "ES512", "EdDSA", "PS256", "PS384",
                "PS512", "RS256", "RS384", "RS512");
    }

    /**
     * A stolen token and a key of the caller's choosing (a provider may spend long on building it: BouncyCastle tests
     * every new RSA modulus for primality): the thumbprint decides first, so no key is ever built for it.
     */
    @Test
    void whenTheProofsKeyIsNotTheOneTheTokenIsBoundToThenItIsRefusedBeforeTheKeyIsBuilt() throws Exception {
        var bound = org.bearerguard.testing.TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256");
        var offCurve = TestProofs.forRequest(METHOD, URI).jwkMember("y", TestKeys.EC.toParams(
                org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY).get("x")).build();

        var result = verifier.check(offCurve, METHOD, URI, java.util.Optional.empty(), java.util.Optional.of(bound));

        assertThat(refusal(result)).isEqualTo(DpopReason.KEY_MISMATCH);
    }

    @Test
    void whenTheProofIsByAnotherKeyThanTheTokenIsBoundToThenItIsRefusedBeforeItsSignatureIsChecked() throws Exception {
        var bound = org.bearerguard.testing.TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256");
        var byOther = TestProofs.forRequest(METHOD, URI).signedBy(TestProofs.EC_OTHER, "ES256").build();
        var forged = byOther.substring(0, byOther.lastIndexOf('.') + 1) + "A".repeat(86); // no valid signature

        var other = verifier.check(byOther, METHOD, URI, java.util.Optional.empty(), java.util.Optional.of(bound));
        var unsigned = verifier.check(forged, METHOD, URI, java.util.Optional.empty(), java.util.Optional.of(bound));
        var right = verifier.check(TestProofs.forRequest(METHOD, URI).build(), METHOD, URI, java.util.Optional.empty(),
                java.util.Optional.of(bound));

        assertThat(refusal(other)).isEqualTo(DpopReason.KEY_MISMATCH);
        assertThat(refusal(unsigned)).isEqualTo(DpopReason.KEY_MISMATCH);
        assertThat(valid(right).thumbprint()).isEqualTo(bound);
    }
}
