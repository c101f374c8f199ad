package org.bearerguard.internal.introspect;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers this process keeps, by token digest, each until its own time. Bounded: when full, answers past their
 * time are purged (at most once a second) and, if it is still full, a new answer is simply not kept; nobody can
 * evict answers that are in use.
 */
final class LocalAnswers {

    private static final long PURGE_INTERVAL_MILLIS = 1000;

    private final int max;
    private final Map<String, Kept> answers = new ConcurrentHashMap<>();
    private volatile long lastPurge;

    LocalAnswers(int max) {
        this.max = max;
    }

    /** The answer kept for this digest, or null when there is none or its time has passed. */
    Kept get(String digest, Instant now) {
        var kept = answers.get(digest);
        if (kept == null) {
            return null;
        }
        if (!now.isBefore(kept.until())) {
            answers.remove(digest, kept);
            return null;
        }
        return kept;
    }

    void put(String digest, Kept kept, Instant now) {
        if (max <= 0 || !now.isBefore(kept.until())) {
            return;
        }
        if (answers.size() >= max) {
            purge(now);
            if (answers.size() >= max) {
                return;
            }
        }
        answers.put(digest, kept);
    }

    int size() {
        return answers.size();
    }

    private void purge(Instant now) {
        long millis = now.toEpochMilli();
        if (millis - lastPurge < PURGE_INTERVAL_MILLIS) {
            return;
        }
        lastPurge = millis;
        answers.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
    }
}
