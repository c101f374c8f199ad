package org.bearerguard.internal.verify;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * A JWT NumericDate (RFC 7519 §2: seconds since the epoch, fractions allowed and rounded down), in years 1 to 9999:
 * one reading for every time claim, of access tokens and of DPoP proofs alike.
 */
public final class NumericDate {

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: beyond them no date is real, and arithmetic may overflow. */
    private static final long EARLIEST = -62_135_596_800L;
    private static final long LATEST = 253_402_300_799L;

    private NumericDate() {
    }

    /** The instant a parsed JSON value names, or null when it is not a NumericDate within range. */
    public static Instant of(Object value) {
        try {
            if (value instanceof Long seconds && seconds >= EARLIEST && seconds <= LATEST) {
                return Instant.ofEpochSecond(seconds);
            }
            if (value instanceof Double seconds && seconds >= EARLIEST && seconds <= LATEST) {
                return Instant.ofEpochSecond((long) Math.floor(seconds));
            }
        } catch (DateTimeException beyondAnyDate) {
            // not a date
        }
        return null;
    }
}
