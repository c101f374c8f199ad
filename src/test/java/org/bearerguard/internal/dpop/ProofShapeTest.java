package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.internal.dpop.ProofFixtures.METHOD;
import static org.bearerguard.internal.dpop.ProofFixtures.URI;
import static org.bearerguard.internal.dpop.ProofFixtures.check;
import static org.bearerguard.internal.dpop.ProofFixtures.refusal;
import static org.bearerguard.internal.dpop.ProofFixtures.valid;

import java.time.Instant;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.RawTokens;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One compact JWS, bounded, canonical base64url, strict JSON (RFC 9449 §4.3 item 2). */
class ProofShapeTest {

    private final MutableClock clock = new MutableClock();
    private final DpopVerifier verifier = ProofFixtures.verifier(clock);

    @Test
    void whenProofIsAsLongAsAllowedThenValidAndOneCharacterLongerThenTooLong() {
        var longest = padded(ProofJws.MAX_CHARS);
        var tooLong = padded(ProofJws.MAX_CHARS + 1);

        assertThat(longest).hasSize(ProofJws.MAX_CHARS);
        valid(check(verifier, longest));
        assertThat(tooLong).hasSize(ProofJws.MAX_CHARS + 1);
        assertThat(refusal(check(verifier, tooLong))).isEqualTo(DpopReason.PROOF_TOO_LONG);
    }

    @Test
    void whenHeaderHasADuplicateMemberThenMalformed() {
        var jwk = TestKeys.EC.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        var proof = TestProofs.forRequest(METHOD, URI)
                .rawHeader("{\"typ\":\"JWT\",\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + jwk + "}").build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    @Test
    void whenPayloadHasADuplicateMemberThenMalformed() {
        var iat = Instant.now().getEpochSecond();
        var proof = TestProofs.forRequest(METHOD, URI).rawPayload("{\"jti\":\"j\",\"htm\":\"POST\",\"htm\":\"GET\","
                + "\"htu\":\"" + URI + "\",\"iat\":" + iat + "}").build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    @Test
    void whenTheSamePayloadHasNoDuplicateThenValid() {
        var iat = Instant.now().getEpochSecond();
        var proof = TestProofs.forRequest(METHOD, URI).rawPayload("{\"jti\":\"j\",\"htm\":\"GET\","
                + "\"htu\":\"" + URI + "\",\"iat\":" + iat + "}").build();

        valid(check(verifier, proof));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AA.\uD83D\uDE00\uD83D\uDE00.", "AA.AAA\uD83D\uDE00\uD83D\uDE00.", "e30.e30.\uD83D\uDE00"})
    void whenTheProofHasACharacterBeyondTheBmpThenMalformed(String proof) {
        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    @Test
    void whenThereAreNotExactlyThreeSegmentsThenMalformed() {
        var proof = TestProofs.forRequest(METHOD, URI).build();
        var signingInput = proof.substring(0, proof.lastIndexOf('.'));

        assertThat(refusal(check(verifier, signingInput))).isEqualTo(DpopReason.MALFORMED_PROOF);
        assertThat(refusal(check(verifier, proof + ".e30"))).isEqualTo(DpopReason.MALFORMED_PROOF);
        assertThat(refusal(check(verifier, proof + ".e30.e30"))).isEqualTo(DpopReason.MALFORMED_PROOF); // JWE shape
        assertThat(refusal(check(verifier, ""))).isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    @Test
    void whenTheSignatureIsNotInItsCanonicalBase64urlSpellingThenMalformed() {
        var proof = TestProofs.forRequest(METHOD, URI).build();
        // 64 bytes: 86 characters, the last one with four padding bits
        var other = ProofFixtures.withPaddingBitSet(proof);

        assertThat(refusal(check(verifier, other))).isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"dpop\"", "{", "{\"jti\":\"j\"} x", "{'jti':'j'}"})
    void whenThePayloadIsNotOneJsonObjectThenMalformed(String payload) {
        var proof = TestProofs.forRequest(METHOD, URI).rawPayload(payload).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    @Test
    void whenTheHeaderIsNotUtf8ThenMalformed() {
        var proof = TestProofs.forRequest(METHOD, URI).build();
        var latin1 = RawTokens.b64(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xE9, '"', '}'});

        assertThat(refusal(check(verifier, latin1 + proof.substring(proof.indexOf('.')))))
                .isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    @Test
    void whenASegmentHoldsAPaddingCharacterThenMalformed() {
        var proof = TestProofs.forRequest(METHOD, URI).build();

        assertThat(refusal(check(verifier, proof + "=="))).isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    /** A valid proof of exactly {@code length} characters (4 payload characters carry 3 of the claim's). */
    private String padded(int length) {
        var base = proof(0).length();
        int pad = Math.max(0, (length - base) * 3 / 4 - 4);
        while (proof(pad).length() < length) {
            pad++;
        }
        return proof(pad);
    }

    private String proof(int pad) {
        return TestProofs.forRequest(METHOD, URI).claim("jti", "j").issuedAt(clock.instant())
                .claim("pad", "x".repeat(pad)).build();
    }
}
