package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.internal.dpop.ProofFixtures.METHOD;
import static org.bearerguard.internal.dpop.ProofFixtures.URI;
import static org.bearerguard.internal.dpop.ProofFixtures.check;
import static org.bearerguard.internal.dpop.ProofFixtures.refusal;
import static org.bearerguard.internal.dpop.ProofFixtures.valid;

import java.util.List;
import java.util.Map;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestProofs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The claims every proof needs (RFC 9449 §4.2, §4.3 item 3), of the right type. */
class ProofClaimsTest {

    private final MutableClock clock = new MutableClock();
    private final DpopVerifier verifier = ProofFixtures.verifier(clock);

    @ParameterizedTest
    @ValueSource(strings = {"jti", "htm", "htu", "iat"})
    void whenARequiredClaimIsMissingThenMissingClaim(String claim) {
        var proof = TestProofs.forRequest(METHOD, URI).without(claim).build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MISSING_CLAIM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jti", "htm", "htu", "ath", "nonce"})
    void whenAStringClaimIsNotAStringThenMalformedClaims(String claim) {
        var number = TestProofs.forRequest(METHOD, URI).claim(claim, 1).build();
        var list = TestProofs.forRequest(METHOD, URI).claim(claim, List.of("x")).build();

        assertThat(refusal(check(verifier, number))).isEqualTo(DpopReason.MALFORMED_CLAIMS);
        assertThat(refusal(check(verifier, list))).isEqualTo(DpopReason.MALFORMED_CLAIMS);
    }

    @Test
    void whenIatIsNotANumericDateThenMalformedClaims() {
        var text = TestProofs.forRequest(METHOD, URI).claim("iat", String.valueOf(clock.instant().getEpochSecond()))
                .build();
        var object = TestProofs.forRequest(METHOD, URI).claim("iat", Map.of()).build();
        var beyondYear9999 = TestProofs.forRequest(METHOD, URI).claim("iat", 253_402_300_800L).build();

        assertThat(List.of(text, object, beyondYear9999)).allSatisfy(
                proof -> assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MALFORMED_CLAIMS));
    }

    @Test
    void whenIatHasAFractionThenValid() {
        var proof = TestProofs.forRequest(METHOD, URI).claim("iat", clock.instant().getEpochSecond() - 0.5).build();

        valid(check(verifier, proof));
    }

    @Test
    void whenJtiIsEmptyThenMalformedClaims() {
        var proof = TestProofs.forRequest(METHOD, URI).claim("jti", "").build();

        assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.MALFORMED_CLAIMS);
    }

    @Test
    void whenJtiIsAtTheLimitThenValidAndOneCharacterLongerThenMalformedClaims() {
        var longest = TestProofs.forRequest(METHOD, URI).claim("jti", "j".repeat(ProofClaims.MAX_JTI_CHARS)).build();
        var tooLong = TestProofs.forRequest(METHOD, URI).claim("jti", "j".repeat(ProofClaims.MAX_JTI_CHARS + 1))
                .build();

        valid(check(verifier, longest));
        assertThat(refusal(check(verifier, tooLong))).isEqualTo(DpopReason.MALFORMED_CLAIMS);
    }

    @Test
    void whenTheProofHasClaimsOfItsOwnThenTheyAreIgnored() {
        var proof = TestProofs.forRequest(METHOD, URI).claim("exp", 1).claim("sub", "someone").build();

        valid(check(verifier, proof));
    }

    @Test
    void whenReasonsAreDescribedThenTheyKeepToTheCharactersOfRfc6750() {
        for (var reason : DpopReason.values()) {
            assertThat(reason.description()).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+");
        }
    }
}
