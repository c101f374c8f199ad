package org.bearerguard.internal.log;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One WARNING when something starts failing and one INFO when it works again, however many requests see it in
 * between: one line per outage, not one per request.
 *
 * <p>Threads: any. One compare-and-set on the failing flag decides which caller writes.
 */
public final class OutageLog {

    private final System.Logger logger;
    private final AtomicBoolean failing = new AtomicBoolean();

    public OutageLog(System.Logger logger) {
        this.logger = logger;
    }

    public void failed(Supplier<String> message) {
        if (failing.compareAndSet(false, true)) {
            logger.log(Level.WARNING, message.get());
        }
    }

    public void recovered(Supplier<String> message) {
        if (failing.get() && failing.compareAndSet(true, false)) {
            logger.log(Level.INFO, message.get());
        }
    }

    public boolean failing() {
        return failing.get();
    }
}
