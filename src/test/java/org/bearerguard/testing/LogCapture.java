package org.bearerguard.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures everything bearer-guard logs (down to DEBUG) while open. {@code System.Logger} goes to
 * java.util.logging on a plain JVM, as here.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("org.bearerguard");
    private final Level previous = logger.getLevel();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            var message = new java.util.logging.SimpleFormatter().formatMessage(record);
            var thrown = record.getThrown() == null ? "" : " " + record.getThrown();
            lines.add(record.getLevel() + " " + message + thrown);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        logger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }
}
