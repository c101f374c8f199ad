package org.bearerguard.internal.region;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * The cluster's backoff after failed fetches: no node tries the issuer before {@code until}. It counts the failures
 * in a row across the cluster, so that the wait keeps doubling while nodes take turns failing.
 *
 * @param until    no attempt before this
 * @param failures consecutive failed attempts of the cluster, at least 1
 */
public record Backoff(Instant until, int failures) {

    String encode() {
        return until.toEpochMilli() + " " + failures;
    }

    static Optional<Backoff> decode(String payload) {
        int space = payload.indexOf(' ');
        try {
            return space < 0 ? Optional.empty() : Optional.of(new Backoff(
                    Instant.ofEpochMilli(Long.parseLong(payload.substring(0, space))),
                    Integer.parseInt(payload.substring(space + 1))));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
