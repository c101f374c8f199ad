package org.bearerguard.internal.dpop;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proofs this process accepted, until each ages out of its window: bounded in total and per key, never by
 * eviction (a forgotten proof could be replayed), so a full store refuses.
 *
 * <p>Threads and locks: no locks. The proofs are a {@link ConcurrentHashMap} whose {@code putIfAbsent} decides a race
 * between two requests with the same proof: exactly one is first. The count per key changes only inside
 * {@code compute} on that key, so it is exact; the total is an {@link AtomicInteger} that may pass its bound by
 * the number of threads racing for the last places, which is the price of not locking. Expired proofs are purged by
 * whichever request thread first finds a purge due (at most once a second, elected by a CAS on {@link #nextPurge}),
 * or finds the store full.
 */
public final class LocalReplays implements Replays {

    private static final long PURGE_INTERVAL_MILLIS = 1000;

    private record Remembered(String thumbprint, long untilMillis) {
    }

    private final Map<String, Remembered> proofs = new ConcurrentHashMap<>();
    private final Map<String, Integer> perKey = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong nextPurge = new AtomicLong();
    private final int maxEntries;
    private final int maxPerKey;
    private final Clock clock;

    public LocalReplays(int maxEntries, int maxPerKey, Clock clock) {
        if (maxEntries < 1 || maxPerKey < 1) {
            throw new IllegalArgumentException("replay bounds must be positive");
        }
        this.maxEntries = maxEntries;
        this.maxPerKey = maxPerKey;
        this.clock = clock;
    }

    @Override
    public Outcome firstUse(String replayKey, String thumbprint, Instant until) {
        long now = clock.millis();
        purgeIfDue(now, false);
        if (proofs.containsKey(replayKey)) {
            return Outcome.REPLAYED;
        }
        if (total.get() >= maxEntries) {
            purgeIfDue(now, true);
            if (total.get() >= maxEntries) {
                return Outcome.FULL;
            }
        }
        var admitted = new boolean[1];
        perKey.compute(thumbprint, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerKey) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            return Outcome.KEY_FULL;
        }
        if (proofs.putIfAbsent(replayKey, new Remembered(thumbprint, until.toEpochMilli())) != null) {
            release(thumbprint);
            return Outcome.REPLAYED;
        }
        total.incrementAndGet();
        return Outcome.FIRST;
    }

    /** How many proofs are remembered now. */
    public int size() {
        return total.get();
    }


    /**
     * Drops proofs past their window. Due once a second; {@code full}: also sooner, when the store is full, but
     * still by one thread at a time (the one that wins the CAS), so a flood of requests on a full store does not
     * scan it once per request.
     */
    private void purgeIfDue(long now, boolean full) {
        long due = nextPurge.get();
        if (now < due && !(full && now >= due - PURGE_INTERVAL_MILLIS + 100)) {
            return;
        }
        if (!nextPurge.compareAndSet(due, now + PURGE_INTERVAL_MILLIS)) {
            return;
        }
        proofs.forEach((key, remembered) -> {
            if (remembered.untilMillis() < now && proofs.remove(key, remembered)) {
                release(remembered.thumbprint());
                total.decrementAndGet();
            }
        });
    }

    private void release(String thumbprint) {
        perKey.computeIfPresent(thumbprint, (k, n) -> n <= 1 ? null : n - 1);
    }
}
