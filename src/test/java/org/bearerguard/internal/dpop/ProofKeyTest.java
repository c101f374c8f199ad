package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.internal.dpop.ProofFixtures.METHOD;
import static org.bearerguard.internal.dpop.ProofFixtures.URI;
import static org.bearerguard.internal.dpop.ProofFixtures.check;
import static org.bearerguard.internal.dpop.ProofFixtures.refusal;
import static org.bearerguard.internal.dpop.ProofFixtures.valid;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.RawTokens;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code jwk} header: a public key only (RFC 9449 §4.3 item 7), of the type its {@code alg} needs, as strong as
 * a JWKS key must be, each number in its one spelling. Every proof here is signed with the private key that matches
 * its header wherever one exists, so that only the key check can refuse it.
 */
class ProofKeyTest {

    private final DpopVerifier verifier = ProofFixtures.verifier(new MutableClock());

    @Test
    void whenJwkIsMissingThenMissingKey() {
        var proof = TestProofs.forRequest(METHOD, URI).header("jwk", null).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MISSING_KEY);
    }

    @Test
    void whenJwkIsNotAnObjectThenKeyNotAccepted() {
        var proof = TestProofs.forRequest(METHOD, URI).header("jwk", TestKeys.EC.toJson()).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenJwkHoldsTheWholeEcPrivateKeyThenPrivateKey() {
        var proof = TestProofs.forRequest(METHOD, URI)
                .jwk(TestKeys.EC.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.PRIVATE_KEY);
    }

    @Test
    void whenJwkHoldsTheWholeRsaPrivateKeyThenPrivateKey() {
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(TestKeys.RSA, "RS256")
                .jwk(TestKeys.RSA.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.PRIVATE_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    void whenJwkHasAnyPrivateMemberThenPrivateKey(String member) {
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(TestKeys.RSA, "RS256").jwkMember(member, "AQAB")
                .build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.PRIVATE_KEY);
    }

    @Test
    void whenEcPointIsOffItsCurveThenKeyNotAccepted() {
        var w = ((ECPublicKey) TestKeys.EC.getKey()).getW();
        var proof = TestProofs.forRequest(METHOD, URI).jwkMember("y", coordinate(w.getAffineY().add(BigInteger.ONE)))
                .build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenEcKeyIsOnAnotherCurveThanTheAlgorithmsThenKeyNotAccepted() {
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(TestProofs.EC_P384, "ES256").build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenCrvNamesAnotherCurveThanTheCoordinatesThenKeyNotAccepted() {
        var proof = TestProofs.forRequest(METHOD, URI).jwkMember("crv", "P-384").build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenEcCoordinateHasALeadingZeroOctetTooManyThenKeyNotAccepted() {
        var w = ((ECPublicKey) TestKeys.EC.getKey()).getW();
        var longer = new byte[33];
        System.arraycopy(fixed(w.getAffineX()), 0, longer, 1, 32);
        var proof = TestProofs.forRequest(METHOD, URI).jwkMember("x", RawTokens.b64(longer)).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenAnEcCoordinateHoldsACharacterBeyondTheBmpThenKeyNotAccepted() {
        // JSON-escaped, so the proof itself is ASCII: one character that is two UTF-16 units
        var proof = TestProofs.forRequest(METHOD, URI).jwkMember("x", "\uD83D\uDE00").build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenRsaKeyHas1024BitsThenKeyNotAccepted() {
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(TestKeys.RSA_WEAK, "RS256").build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AQ", "Ag", "AQAAAAE", "AAEAAQ"}) // 1, 2, 2^32 + 1, 65537 with a leading zero octet
    void whenRsaExponentIsUnfitOrNotInItsShortestSpellingThenKeyNotAccepted(String e) {
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(TestKeys.RSA, "RS256").jwkMember("e", e).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenRsaModulusHasALeadingZeroOctetThenKeyNotAccepted() {
        var n = Base64.getUrlDecoder().decode((String) TestKeys.RSA.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                .get("n"));
        var padded = new byte[n.length + 1];
        System.arraycopy(n, 0, padded, 1, n.length);
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(TestKeys.RSA, "RS256")
                .jwkMember("n", RawTokens.b64(padded)).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenKeyTypeDoesNotFitTheAlgorithmThenKeyNotAccepted() {
        var rsaUnderEs256 = TestProofs.forRequest(METHOD, URI)
                .jwk(TestKeys.RSA.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).build();
        var ecUnderRs256 = TestProofs.forRequest(METHOD, URI).signedBy(TestKeys.RSA, "RS256")
                .jwk(TestKeys.EC.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).build();
        var okpUnderEs256 = TestProofs.forRequest(METHOD, URI)
                .jwk(TestKeys.ED.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).build();

        assertThat(List.of(rsaUnderEs256, ecUnderRs256, okpUnderEs256)).allSatisfy(
                proof -> assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED));
    }

    @Test
    void whenOkpCurveIsForKeyAgreementThenKeyNotAccepted() {
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(TestKeys.ED, "EdDSA").jwkMember("crv", "X25519")
                .build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenKtyIsOctThenKeyNotAccepted() {
        var proof = TestProofs.forRequest(METHOD, URI).jwk(Map.of("kty", "oct")).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    @Test
    void whenTheKeySaysItIsNotForThisSignatureThenKeyNotAccepted() {
        var encryption = TestProofs.forRequest(METHOD, URI).jwkMember("use", "enc").build();
        var otherAlg = TestProofs.forRequest(METHOD, URI).jwkMember("alg", "ES384").build();
        var noVerify = TestProofs.forRequest(METHOD, URI).jwkMember("key_ops", List.of("sign")).build();

        assertThat(List.of(encryption, otherAlg, noVerify)).allSatisfy(
                proof -> assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED));
    }

    @Test
    void whenTheKeyAllowsThisSignatureThenValid() {
        var proof = TestProofs.forRequest(METHOD, URI).jwkMember("use", "sig").jwkMember("alg", "ES256")
                .jwkMember("key_ops", List.of("verify")).build();

        valid(check(verifier, proof));
    }

    @Test
    void whenACoordinateIsNotCanonicalBase64urlThenKeyNotAccepted() {
        var x = (String) TestKeys.EC.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).get("x");
        // 32 bytes: 43 characters, the last one with two padding bits that must be zero
        var proof = TestProofs.forRequest(METHOD, URI).jwkMember("x", ProofFixtures.withPaddingBitSet(x)).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.KEY_NOT_ACCEPTED);
    }

    private static String coordinate(BigInteger value) {
        return RawTokens.b64(fixed(value));
    }

    private static byte[] fixed(BigInteger value) {
        var bytes = value.toByteArray();
        return bytes.length == 32 ? bytes : Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
    }
}
