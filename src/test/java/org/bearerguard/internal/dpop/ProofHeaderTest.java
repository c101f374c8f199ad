package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.internal.dpop.ProofFixtures.METHOD;
import static org.bearerguard.internal.dpop.ProofFixtures.URI;
import static org.bearerguard.internal.dpop.ProofFixtures.check;
import static org.bearerguard.internal.dpop.ProofFixtures.refusal;
import static org.bearerguard.internal.dpop.ProofFixtures.valid;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.RawTokens;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code typ}, {@code alg}, {@code crit} and the signature by the header's own key (RFC 9449 §4.3 items 4-6). */
class ProofHeaderTest {

    private final MutableClock clock = new MutableClock();
    private final DpopVerifier verifier = ProofFixtures.verifier(clock);

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "at+jwt", "DPoP+JWT", "application/dpop+jwt", "dpop+jwt ", ""})
    void whenTypIsNotExactlyDpopJwtThenTypeNotAccepted(String typ) {
        var proof = TestProofs.forRequest(METHOD, URI).header("typ", typ).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.TYPE_NOT_ACCEPTED);
    }

    @Test
    void whenTypIsMissingThenTypeNotAccepted() {
        var proof = TestProofs.forRequest(METHOD, URI).header("typ", null).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.TYPE_NOT_ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE"})
    void whenAlgIsNoneThenAlgorithmNotAccepted(String none) {
        var proof = TestProofs.forRequest(METHOD, URI).unsigned().header("alg", none).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.ALGORITHM_NOT_ACCEPTED);
    }

    @Test
    void whenProofIsMacedWithHs256ThenAlgorithmNotAccepted() {
        var proof = TestProofs.forRequest(METHOD, URI).hmac("0123456789abcdef0123456789abcdef".getBytes(
                StandardCharsets.US_ASCII)).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.ALGORITHM_NOT_ACCEPTED);
    }

    @Test
    void whenAlgIsNotInTheAllowListThenAlgorithmNotAccepted() {
        var onlyEs256 = ProofFixtures.verifier(clock, Set.of("ES256"), Optional.empty());
        var proof = TestProofs.forRequest(METHOD, URI).signedBy(TestKeys.RSA, "RS256").build();

        assertThat(refusal(check(onlyEs256, proof))).isEqualTo(DpopReason.ALGORITHM_NOT_ACCEPTED);
        valid(check(verifier, proof));
    }

    @Test
    void whenAlgIsNotAStringThenMalformed() {
        var proof = TestProofs.forRequest(METHOD, URI).header("alg", List.of("ES256")).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MALFORMED_PROOF);
    }

    @Test
    void whenCritIsPresentThenCriticalHeader() {
        var proof = TestProofs.forRequest(METHOD, URI).header("crit", List.of("exp")).header("exp", 1).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.CRITICAL_HEADER);
    }

    @Test
    void whenSignedByAnotherKeyThanItsJwkThenBadSignature() {
        var proof = TestProofs.forRequest(METHOD, URI).signingKey(TestProofs.EC_OTHER.getPrivateKey()).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.BAD_SIGNATURE);
    }

    @Test
    void whenTheJwkIsSwappedForAnotherKeyAfterSigningThenBadSignature() {
        var proof = TestProofs.forRequest(METHOD, URI).build();
        var header = RawTokens.b64("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":"
                + TestProofs.EC_OTHER.toJson() + "}");

        var swapped = header + proof.substring(proof.indexOf('.'));

        assertThat(refusal(check(verifier, swapped))).isEqualTo(DpopReason.BAD_SIGNATURE);
    }

    @Test
    void whenThePayloadIsChangedAfterSigningThenBadSignature() {
        var proof = TestProofs.forRequest(METHOD, URI).build();
        var other = TestProofs.forRequest(METHOD, URI).build();

        var mixed = proof.substring(0, proof.indexOf('.')) + other.substring(other.indexOf('.'), other.lastIndexOf('.'))
                + proof.substring(proof.lastIndexOf('.'));

        assertThat(refusal(check(verifier, mixed))).isEqualTo(DpopReason.BAD_SIGNATURE);
    }

    @Test
    void whenTheSignatureIsAllZerosThenBadSignature() {
        var proof = TestProofs.forRequest(METHOD, URI).build();

        var zeros = proof.substring(0, proof.lastIndexOf('.') + 1) + RawTokens.b64(new byte[64]);

        assertThat(refusal(check(verifier, zeros))).isEqualTo(DpopReason.BAD_SIGNATURE); // CVE-2022-21449
    }
}
