package org.bearerguard.internal.log;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A log line that is written at most once per interval, however often it is asked for; the lines in between are
 * counted and the count is told with the next one.
 *
 * <p>Threads: any. One compare-and-set on the time of the last line decides which caller writes.
 */
public final class RateLimitedLog {

    private final System.Logger logger;
    private final long intervalNanos;
    private final AtomicLong last = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(System.Logger logger, Duration interval) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
    }

    public void log(Level level, Supplier<String> message) {
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous < intervalNanos || !last.compareAndSet(previous, now)) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        logger.log(level, message.get() + (skipped == 0 ? "" : " (" + skipped + " more since the last such line)"));
    }
}
