package org.bearerguard.internal.region;

import java.time.Instant;
import java.util.Optional;

/**
 * The right to fetch an issuer's keys for the whole cluster, held by one process until {@code until}. A holder that
 * dies simply lets it run out; the next process to look takes it over.
 *
 * @param holder the process (a random id per key resolver)
 * @param until  when it runs out
 */
public record Lease(String holder, Instant until) {

    String encode() {
        return holder + " " + until.toEpochMilli();
    }

    static Optional<Lease> decode(String value) {
        int space = value.lastIndexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Lease(value.substring(0, space),
                    Instant.ofEpochMilli(Long.parseLong(value.substring(space + 1)))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
