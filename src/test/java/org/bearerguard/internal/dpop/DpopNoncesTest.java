package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bearerguard.internal.dpop.ProofFixtures.METHOD;
import static org.bearerguard.internal.dpop.ProofFixtures.URI;
import static org.bearerguard.internal.dpop.ProofFixtures.check;
import static org.bearerguard.internal.dpop.ProofFixtures.refusal;
import static org.bearerguard.internal.dpop.ProofFixtures.valid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bearerguard.internal.error.ErrorCode;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestProofs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stateless server nonces (RFC 9449 §9): any node with the secret accepts them for one to two steps. */
class DpopNoncesTest {

    private static final byte[] SECRET = "a cluster secret of 32 bytes or more".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "another secret of 32 bytes or more".getBytes(StandardCharsets.UTF_8);
    private static final Duration STEP = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock();
    private final DpopNonces nonces = new DpopNonces(SECRET, STEP, clock);

    @Test
    void whenIssuedThenAcceptedByThisNodeAndByAnotherWithTheSameSecret() {
        var nonce = nonces.issue();

        assertThat(nonces.accepts(nonce)).isTrue();
        assertThat(new DpopNonces(SECRET, STEP, clock).accepts(nonce)).isTrue();
    }

    @Test
    void whenIssuedThenItIsBase64urlOfTheNqcharSet() {
        assertThat(nonces.issue()).matches("[A-Za-z0-9_-]{54}");
    }

    @Test
    void whenIssuedTwiceInOneStepThenTheSameNonceAndInTheNextStepAnother() {
        var first = nonces.issue();
        clock.advance(Duration.ofMillis(Math.floorMod(-clock.millis(), STEP.toMillis()))); // to a step's start
        var atStart = nonces.issue();

        assertThat(nonces.issue()).isEqualTo(atStart);
        clock.advance(STEP);
        assertThat(nonces.issue()).isNotEqualTo(atStart).isNotEqualTo(first);
    }

    @Test
    void whenOneStepHasPassedThenStillAcceptedAndAfterTwoThenStale() {
        var nonce = nonces.issue();

        clock.advance(STEP);
        assertThat(nonces.accepts(nonce)).isTrue();
        clock.advance(STEP);
        assertThat(nonces.accepts(nonce)).isFalse();
    }

    @Test
    void whenANonceHoldsCharactersBeyondTheBmpThenItIsNotAccepted() {
        assertThat(nonces.accepts("\uD83D\uDE00".repeat(27))).isFalse();
    }

    @Test
    void whenIssuedByANodeTwoStepsAheadThenNotAccepted() {
        var ahead = new MutableClock();
        ahead.advance(STEP.multipliedBy(2));

        assertThat(nonces.accepts(new DpopNonces(SECRET, STEP, ahead).issue())).isFalse();
    }

    @Test
    void whenIssuedUnderAnotherSecretThenNotAccepted() {
        assertThat(nonces.accepts(new DpopNonces(OTHER_SECRET, STEP, clock).issue())).isFalse();
    }

    @Test
    void whenAnyByteOfTheMacIsChangedThenNotAccepted() {
        var bytes = Base64.getUrlDecoder().decode(nonces.issue());
        for (int i = Long.BYTES; i < bytes.length; i++) {
            var forged = bytes.clone();
            forged[i] ^= 1;
            assertThat(nonces.accepts(Base64.getUrlEncoder().withoutPadding().encodeToString(forged))).isFalse();
        }
    }

    @Test
    void whenTheStepIsChangedToTheCurrentOneThenNotAccepted() {
        var old = nonces.issue();
        clock.advance(STEP.multipliedBy(5));
        var bytes = Base64.getUrlDecoder().decode(old);
        ByteBuffer.wrap(bytes).putLong(Math.floorDiv(clock.millis(), STEP.toMillis()));

        assertThat(nonces.accepts(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))).isFalse();
    }

    @Test
    void whenTheMacIsTakenUnderTheRawSecretThenNotAccepted() {
        // the nonce key is derived from the secret for nonces alone, so that no other HMAC under it passes
        long step = Math.floorDiv(clock.millis(), STEP.toMillis());
        var raw = mac(SECRET, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        var nonce = ByteBuffer.allocate(40).putLong(step).put(raw).array();

        assertThat(nonces.accepts(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nonce", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"})
    void whenTheNonceIsGarbageThenNotAccepted(String nonce) {
        assertThat(nonces.accepts(nonce)).isFalse();
    }

    @Test
    void whenTheNonceIsNotInItsCanonicalSpellingThenNotAccepted() {
        var nonce = nonces.issue();
        // 40 bytes: 54 characters, the last one with two padding bits
        assertThat(nonces.accepts(ProofFixtures.withPaddingBitSet(nonce))).isFalse();
    }

    @Test
    void whenTheSecretIsShortOrTheStepUnderASecondThenRefusedAtConstruction() {
        assertThatThrownBy(() -> new DpopNonces(new byte[31], STEP, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DpopNonces(SECRET, Duration.ofMillis(999), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenNoncesAreRequiredAndTheProofHasAFreshOneThenValid() {
        var verifier = verifierWithNonces();
        var proof = TestProofs.forRequest(METHOD, URI).nonce(nonces.issue()).build();

        valid(check(verifier, proof));
    }

    @Test
    void whenNoncesAreRequiredAndTheProofHasNoneThenNonceRequired() {
        var proof = TestProofs.forRequest(METHOD, URI).build();

        assertThat(refusal(check(verifierWithNonces(), proof))).isEqualTo(DpopReason.NONCE_REQUIRED);
        assertThat(DpopReason.NONCE_REQUIRED.code()).isEqualTo(ErrorCode.USE_DPOP_NONCE);
    }

    @Test
    void whenNoncesAreRequiredAndTheProofsNonceIsStaleForgedOrFromAnotherSecretThenNonceNotAccepted() {
        var stale = nonces.issue();
        clock.advance(STEP.multipliedBy(2));
        var verifier = verifierWithNonces();

        for (var nonce : new String[] {stale, "forged", new DpopNonces(OTHER_SECRET, STEP, clock).issue()}) {
            var proof = TestProofs.forRequest(METHOD, URI).issuedAt(clock.instant()).nonce(nonce).build();
            assertThat(refusal(check(verifier, proof))).isEqualTo(DpopReason.NONCE_NOT_ACCEPTED);
        }
    }

    @Test
    void whenTheProofIsBadOtherwiseThenThatComesBeforeTheNonce() {
        var proof = TestProofs.forRequest(METHOD, URI).signingKey(TestProofs.EC_OTHER.getPrivateKey()).build();

        assertThat(refusal(check(verifierWithNonces(), proof))).isEqualTo(DpopReason.BAD_SIGNATURE);
    }

    @Test
    void whenNoncesAreNotRequiredThenANonceInTheProofIsIgnored() {
        var proof = TestProofs.forRequest(METHOD, URI).nonce("whatever").build();

        valid(check(ProofFixtures.verifier(clock), proof));
    }

    private DpopVerifier verifierWithNonces() {
        return ProofFixtures.verifier(clock, DpopPolicy.SUPPORTED, Optional.of(nonces));
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
