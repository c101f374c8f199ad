package org.bearerguard.internal.region;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The entries of one issuer that were ignored because they are not ours (not authenticated with the secret, not a
 * string, unreadable) or out of bounds: counted, and reported in at most one WARNING per hour, which names the
 * entry but never shows its value. Thread-safe.
 */
final class Rejections {

    private static final System.Logger LOG = System.getLogger(Rejections.class.getName());
    static final Duration REPORT_INTERVAL = Duration.ofHours(1);

    private final String regionName;
    private final Clock clock;
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<Instant> lastReport = new AtomicReference<>();

    Rejections(String regionName, Clock clock) {
        this.regionName = regionName;
        this.clock = clock;
    }

    /** An entry ignored: {@code why} is one of a few fixed phrases, never anything read from the entry. */
    void ignored(String entryName, String why) {
        var total = count.incrementAndGet();
        var now = clock.instant();
        var last = lastReport.get();
        if (last != null && Duration.between(last, now).abs().compareTo(REPORT_INTERVAL) < 0) {
            return;
        }
        if (lastReport.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "bearer-guard: ignoring the entry ''{0}'' of JCache region ''{1}'': {2} ({3}"
                    + " ignored so far; reported at most once an hour). Something other than this application''s"
                    + " nodes writes to the cache, or the nodes do not share one bearer.cache.secret",
                    entryName, regionName, why, total);
        }
    }

    long count() {
        return count.get();
    }
}
