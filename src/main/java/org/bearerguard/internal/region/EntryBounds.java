package org.bearerguard.internal.region;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bearerguard.internal.config.IssuerConfig;

/**
 * What an authenticated entry may say, by this node's clock and the issuer's settings. An entry beyond them comes from
 * a node whose clock is wrong, or was put back long after it was written; either way it is not used. Nothing may be
 * dated more than {@link #CLOCK_MARGIN} ahead of this node's clock. Each check answers why an entry is out of bounds
 * (a fixed phrase for the log), or empty.
 */
final class EntryBounds {

    /** How far ahead of this node's clock another node's may be. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);
    /** JSON escaping makes a key set's entry at most this many characters per byte of the JWKS it holds. */
    private static final int ESCAPED_CHARS_PER_BYTE = 6;
    /** More key sets than a cluster publishes in any lifetime, and far from overflowing. */
    static final long MAX_GENERATION = 1L << 53;

    private final IssuerConfig.KeySettings settings;

    EntryBounds(IssuerConfig.KeySettings settings) {
        this.settings = settings;
    }

    /** Longest lease, backoff or allowance entry we write, seal included, with room to spare. */
    private static final int SMALL_ENTRY_CHARS = 512;

    /** The longest stored value (seal included) an entry of ours can have: checked before anything else. */
    long entryChars(boolean keySet) {
        return keySet ? (long) settings.maxResponseBytes() * ESCAPED_CHARS_PER_BYTE + 1024 : SMALL_ENTRY_CHARS;
    }

    /** Checked before the payload is parsed at all. */
    Optional<String> keySetPayload(String payload) {
        return payload.length() > (long) settings.maxResponseBytes() * ESCAPED_CHARS_PER_BYTE + 256
                ? Optional.of("larger than max-response-bytes allows") : Optional.empty();
    }

    /**
     * Of a generation from 1 to {@value #MAX_GENERATION}, fetched no later than now, fresh for no longer than
     * {@code max-ttl}, no larger than a response may be.
     */
    Optional<String> keySet(CachedJwks jwks, Instant now) {
        if (jwks.generation() < 1 || jwks.generation() > MAX_GENERATION) {
            return Optional.of("a generation out of range");
        }
        if (jwks.fetchedAt().isAfter(now.plus(CLOCK_MARGIN))) {
            return Optional.of("fetched later than this node's clock says it is");
        }
        if (jwks.expiresAt().isBefore(jwks.fetchedAt())
                || Duration.between(jwks.fetchedAt(), jwks.expiresAt()).compareTo(settings.maxTtl()) > 0) {
            return Optional.of("fresh for longer than max-ttl, or expiring before it was fetched");
        }
        if (utf8Length(jwks.jwks()) > settings.maxResponseBytes()) {
            return Optional.of("larger than max-response-bytes");
        }
        return Optional.empty();
    }

    /** No longer than a lease lasts. */
    Optional<String> lease(Lease lease, Instant now) {
        return lease.until().isAfter(now.plus(settings.leaseTime()).plus(CLOCK_MARGIN))
                ? Optional.of("a lease running longer than the lease time") : Optional.empty();
    }

    /** After at least one failure, no further ahead than {@code max-backoff}, of a generation in range. */
    Optional<String> backoff(Backoff backoff, Instant now) {
        if (backoff.failures() < 1) {
            return Optional.of("a backoff after no failure");
        }
        if (backoff.generation() < 0 || backoff.generation() > MAX_GENERATION) {
            return Optional.of("a backoff of a generation out of range");
        }
        return backoff.until().isAfter(now.plus(settings.maxBackoff()).plus(CLOCK_MARGIN))
                ? Optional.of("a backoff longer than max-backoff") : Optional.empty();
    }

    /** Spent no later than now. */
    Optional<String> allowanceSpent(Instant spent, Instant now) {
        return spent.isAfter(now.plus(CLOCK_MARGIN))
                ? Optional.of("an allowance spent later than this node's clock says it is") : Optional.empty();
    }

    /** The length of {@code s} in UTF-8, without encoding it. */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate is encoded as '?', one byte: counting three errs on the safe side
            }
        }
        return bytes;
    }
}
