package org.bearerguard.internal.log;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One WARNING when something starts failing and one INFO when it works again, however many requests see it in
 * between: one line per outage, not one per request. Outages that come and go faster than {@code interval} (a request
 * that fails, the next that works, over and over) are told once per interval; the lines in between go to DEBUG.
 *
 * <p>Threads: any. A compare-and-set on the failing flag decides which caller writes at the start and the end of an
 * outage, one on {@code telling} which caller tells it late; the time of the last WARNING and whether the current
 * outage was told are volatile, written only by those callers.
 */
public final class OutageLog {

    private final System.Logger logger;
    private final long intervalNanos;
    private final long lastingNanos;
    private volatile long outageStart;
    private final AtomicBoolean failing = new AtomicBoolean();
    /** Held by the one caller telling an outage late. */
    private final AtomicBoolean telling = new AtomicBoolean();
    private volatile long lastWarning;
    private volatile boolean told;

    /** An outage not told at its start (within the interval of the last WARNING) is told once it lasts a minute. */
    public OutageLog(System.Logger logger, Duration interval) {
        this(logger, interval, Duration.ofMinutes(1));
    }

    /** @param lasting how long an outage not told at its start may go on before it is told anyway */
    public OutageLog(System.Logger logger, Duration interval, Duration lasting) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.lastingNanos = lasting.toNanos();
    }

    /**
     * Something failed (again). The first failure of an outage is told at WARNING unless a WARNING went out less than
     * the interval ago; then a later failure of the same outage tells it, once the interval is up or the outage has
     * lasted long enough to be one.
     */
    public void failed(Supplier<String> message) {
        long now = System.nanoTime();
        if (failing.compareAndSet(false, true)) {
            outageStart = now;
            long last = lastWarning;
            told = last == 0 || now - last >= intervalNanos;
            if (told) {
                lastWarning = now;
            }
            logger.log(told ? Level.WARNING : Level.DEBUG, message.get());
        } else if (!told && (now - lastWarning >= intervalNanos || now - outageStart >= lastingNanos)
                && telling.compareAndSet(false, true)) {
            try {
                if (!told && failing.get()) {
                    lastWarning = now;
                    told = true;
                    logger.log(Level.WARNING, message.get());
                }
            } finally {
                telling.set(false);
            }
        }
    }

    public void recovered(Supplier<String> message) {
        if (failing.get() && failing.compareAndSet(true, false)) {
            logger.log(told ? Level.INFO : Level.DEBUG, message.get());
        }
    }
}
