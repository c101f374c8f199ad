package org.bearerguard.internal.region;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * The cluster's backoff after failed fetches: no node tries the issuer before {@code until}. It counts the failures
 * in a row across the cluster, so that the wait keeps doubling while nodes take turns failing, and it names the
 * generation of the key set the failing node held: any later successful fetch publishes a higher one, so a backoff
 * recorded before it (replayed by someone who kept a copy) holds up no node that has the later key set.
 *
 * @param until      no attempt before this
 * @param failures   consecutive failed attempts of the cluster, at least 1
 * @param generation the generation of the key set the failing node held (0: none)
 */
public record Backoff(Instant until, int failures, long generation) {

    /** A backoff of a node that held no key set. */
    public Backoff(Instant until, int failures) {
        this(until, failures, 0);
    }

    String encode() {
        return until.toEpochMilli() + " " + failures + " " + generation;
    }

    /** {@code until failures generation}; written by an earlier version without the generation: 0. */
    static Optional<Backoff> decode(String payload) {
        var parts = payload.split(" ", -1);
        try {
            return parts.length < 2 || parts.length > 3 ? Optional.empty() : Optional.of(new Backoff(
                    Instant.ofEpochMilli(Long.parseLong(parts[0])), Integer.parseInt(parts[1]),
                    parts.length == 3 ? Long.parseLong(parts[2]) : 0));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
