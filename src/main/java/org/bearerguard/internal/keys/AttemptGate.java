package org.bearerguard.internal.keys;

import java.time.Duration;
import java.time.Instant;
import org.bearerguard.internal.config.IssuerConfig;

/**
 * When one issuer's key source may go to the network: after failures, waits that double from
 * {@code retry-interval} up to {@code max-backoff}; for unknown {@code kid}s, one refresh per
 * {@code min-refresh-interval} (refreshes ahead do not use it up). Not thread-safe: {@link KeySource} holds its lock
 * around every call.
 */
final class AttemptGate {

    private final IssuerConfig.KeySettings settings;
    private Instant lastAttempt; // start of the last network attempt, null before the first
    private Instant lastUnknownKidRefresh;
    private int failures; // consecutive failed attempts

    AttemptGate(IssuerConfig.KeySettings settings) {
        this.settings = settings;
    }

    /** When the next network attempt may start; {@link Instant#MIN} while nothing has failed. */
    Instant nextAttemptAt() {
        if (lastAttempt == null || failures == 0) {
            return Instant.MIN;
        }
        var wait = settings.retryInterval().multipliedBy(1L << Math.min(failures - 1, 20));
        return lastAttempt.plus(wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait);
    }

    boolean mayAttempt(Instant now) {
        return !now.isBefore(nextAttemptAt());
    }

    /** Whether an unknown {@code kid} may cause a refresh now, without using the allowance up. */
    boolean mayRefreshForUnknownKid(Instant now) {
        return (lastUnknownKidRefresh == null || !now.isBefore(lastUnknownKidRefresh.plus(settings.minRefreshInterval())))
                && mayAttempt(now);
    }

    /** Whether an unknown {@code kid} may cause a refresh now; if so, that allowance is used up. */
    boolean takeUnknownKidRefresh(Instant now) {
        if (!mayRefreshForUnknownKid(now)) {
            return false;
        }
        lastUnknownKidRefresh = now;
        return true;
    }

    void started(Instant now) {
        lastAttempt = now;
    }

    /** Continues the cluster's count of failures in a row, when it is ahead of this node's. */
    void atLeast(int clusterFailures) {
        failures = Math.max(failures, clusterFailures);
    }

    /** Records how the attempt ended; returns how many attempts had failed in a row before it. */
    int ended(boolean ok) {
        int before = failures;
        failures = ok ? 0 : failures + 1;
        return before;
    }

    /** How long a caller should wait before asking again (for {@code Retry-After}). */
    Duration untilNextAttempt(Instant now) {
        var next = nextAttemptAt();
        return now.isBefore(next) ? Duration.between(now, next) : settings.retryInterval();
    }
}
