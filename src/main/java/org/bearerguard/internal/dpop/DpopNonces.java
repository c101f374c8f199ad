package org.bearerguard.internal.dpop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bearerguard.internal.extract.Base64Url;

/**
 * Server nonces (RFC 9449 §8, §9) that need no state per nonce: a nonce is the number of a time step and an
 * HMAC-SHA-256 of it, {@code base64url(step as 8 bytes big-endian || mac)}, 54 characters of the {@code NQCHAR} set
 * (§8.1). It is accepted during its own step and the next one, so it lives between one and two steps. Every node
 * given the same secret issues the same nonce within a step and accepts the others', with nothing shared but the
 * secret and roughly the time; a node whose clock is a step apart from the issuer's refuses, and the client retries
 * with the nonce that refusal carries.
 *
 * <p>The MAC key is derived from the secret for this purpose alone ({@code HMAC(secret, "bearer-guard dpop nonces
 * v1")}, as {@code region.EntrySeal} derives its own), so the same cluster secret can serve both without a nonce ever
 * passing for a region entry or the other way round. MACs are compared in constant time.
 *
 * <p>Threads and locks: immutable but for a volatile cache of the current step's nonce (a race computes the same
 * value twice); no locks. A {@code Mac} is made per call, since instances are not thread-safe.
 */
public final class DpopNonces {

    /** At least the hash's length (RFC 2104 §3), as for {@code bearer.cache.secret}. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String HMAC = "HmacSHA256";
    private static final byte[] PURPOSE = "bearer-guard dpop nonces v1".getBytes(StandardCharsets.UTF_8);
    private static final int STEP_BYTES = Long.BYTES;
    private static final int MAC_BYTES = 32;
    private static final int NONCE_CHARS = 54; // 40 bytes, base64url without padding

    private final SecretKeySpec key;
    private final long stepMillis;
    private final Clock clock;
    private volatile Issued current = new Issued(Long.MIN_VALUE, null);

    private record Issued(long step, String nonce) {
    }

    /**
     * @param secret shared by every node that must accept the others' nonces; at least {@link #MIN_SECRET_BYTES}
     * @param step   the length of a time step, at least a second: nonces live between one and two steps
     * @param clock  the time
     */
    public DpopNonces(byte[] secret, Duration step, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a nonce secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (step.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a nonce step is at least a second");
        }
        this.key = new SecretKeySpec(mac(new SecretKeySpec(secret, HMAC)).doFinal(PURPOSE), HMAC);
        this.stepMillis = step.toMillis();
        this.clock = clock;
    }

    /** The nonce to send in {@code DPoP-Nonce} now. */
    public String issue() {
        long step = currentStep();
        var issued = current;
        if (issued.step() != step) {
            issued = new Issued(step, encode(step));
            current = issued;
        }
        return issued.nonce();
    }

    /** Whether {@code nonce} was issued, under this secret, in the current or the previous step. */
    public boolean accepts(String nonce) {
        if (nonce.length() != NONCE_CHARS) {
            return false;
        }
        var bytes = Base64Url.decode(nonce, 0, nonce.length());
        if (bytes == null || bytes.length != STEP_BYTES + MAC_BYTES) {
            return false;
        }
        var buffer = ByteBuffer.wrap(bytes);
        long step = buffer.getLong();
        long now = currentStep();
        if (step != now && step != now - 1) {
            return false; // the step is public: no need to hide which one failed
        }
        var claimed = new byte[MAC_BYTES];
        buffer.get(claimed);
        return MessageDigest.isEqual(claimed, tag(step));
    }

    private long currentStep() {
        return Math.floorDiv(clock.millis(), stepMillis);
    }

    private String encode(long step) {
        var bytes = ByteBuffer.allocate(STEP_BYTES + MAC_BYTES).putLong(step).put(tag(step)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private byte[] tag(long step) {
        return mac(key).doFinal(ByteBuffer.allocate(STEP_BYTES).putLong(step).array());
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }
}
