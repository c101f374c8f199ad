package org.bearerguard.internal.introspect;

/**
 * At most {@code perSecond} introspection calls per second, in bursts of as many: a token bucket refilled
 * continuously. A flood of made-up tokens then costs the authorization server at most this many calls per process.
 *
 * <p>Time is the pipeline's clock, so that tests move it by hand. Threads: any; {@link #tryTake} is synchronized (a
 * few arithmetic operations, only on the way to a network call).
 */
final class CallBudget {

    private final double perSecond;
    private double available;
    private java.time.Instant lastRefill;

    CallBudget(int perSecond, java.time.Instant now) {
        this.perSecond = perSecond;
        this.available = perSecond;
        this.lastRefill = now;
    }

    synchronized boolean tryTake(java.time.Instant now) {
        if (now.isAfter(lastRefill)) {
            var span = java.time.Duration.between(lastRefill, now);
            double elapsed = span.getSeconds() + span.getNano() / 1e9;
            available = Math.min(perSecond, available + elapsed * perSecond);
        }
        // also when the clock stepped back: refilling goes on from the new time, never waits for the old one
        lastRefill = now;
        if (available < 1) {
            return false;
        }
        available -= 1;
        return true;
    }
}
