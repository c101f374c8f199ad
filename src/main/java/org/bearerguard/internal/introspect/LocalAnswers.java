package org.bearerguard.internal.introspect;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bearerguard.internal.verify.IntrospectionRules;

/**
 * The answers this process keeps, by token digest, each until its own time; an active answer past its time is
 * remembered until the token's {@code exp}, only to tell a renewal from a token never seen ({@link #knownActive}).
 * Bounded: when full, what is past remembering is purged (at most once a second), then every inactive answer, then
 * what is only remembered; if it is still full (of answers in their time), a new answer is simply not kept. Nobody
 * can evict an active answer in its time.
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
        if (kept == null || !now.isBefore(kept.until())) {
            if (kept != null && !now.isBefore(kept.rememberUntil())) {
                answers.remove(digest, kept);
            }
            return null;
        }
        return kept;
    }

    /** Whether this token was answered active here before and has not expired: asking again is a renewal. */
    boolean knownActive(String digest, Instant now) {
        var kept = answers.get(digest);
        return kept != null && kept.answer() instanceof IntrospectionRules.Active
                && now.isBefore(kept.rememberUntil());
    }

    void put(String digest, Kept kept, Instant now) {
        if (max <= 0 || !now.isBefore(kept.until())) {
            return;
        }
        if (answers.size() >= max && !answers.containsKey(digest)) {
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
        if (millis - lastPurge < PURGE_INTERVAL_MILLIS && millis >= lastPurge) {
            return;
        }
        lastPurge = millis;
        answers.values().removeIf(kept -> !now.isBefore(kept.rememberUntil()));
        if (answers.size() >= max) {
            // still full: inactive answers go (one more call each at worst, within the budget), never the tokens
            // known to be active, whose users would otherwise fall back on the newcomers' budget
            answers.values().removeIf(kept -> kept.answer() instanceof IntrospectionRules.Inactive);
        }
        if (answers.size() >= max) {
            // still full: tokens only remembered as once active go too (their next renewal is a newcomer's)
            answers.values().removeIf(kept -> !now.isBefore(kept.until()));
        }
    }
}
