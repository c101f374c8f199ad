package org.bearerguard.internal.keys;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The key set requests read, and the one rule for replacing it: which of two key sets is newer.
 *
 * <p>Threads: requests read; fetches and region adoptions offer. Lock-free: the reference is swapped by
 * {@code accumulateAndGet}, so two offers racing each other end with the newer one in place whatever their order.
 */
final class CurrentKeys {

    private final AtomicReference<KeySnapshot> current = new AtomicReference<>();

    KeySnapshot get() {
        return current.get();
    }

    /** Installs {@code candidate} unless what is in place supersedes it; returns what is in place afterwards. */
    KeySnapshot offer(KeySnapshot candidate, boolean ownFetch) {
        return current.accumulateAndGet(candidate,
                (inPlace, offered) -> supersedes(offered, inPlace, ownFetch) ? offered : inPlace);
    }

    /**
     * Whether {@code candidate} should replace {@code inPlace}: a node's own successful fetch always does (the issuer
     * just said so); a key set from the region only when it is newer, fetched later, or fetched in the same
     * millisecond with other content.
     */
    static boolean supersedes(KeySnapshot candidate, KeySnapshot inPlace, boolean ownFetch) {
        if (inPlace == null || ownFetch) {
            return true;
        }
        return newer(candidate.fetchedAt(), candidate.jwks(), inPlace);
    }

    /** Whether a key set fetched at {@code fetchedAt} with this content is newer than {@code than}. */
    static boolean newer(Instant fetchedAt, String jwks, KeySnapshot than) {
        return than == null || fetchedAt.isAfter(than.fetchedAt())
                || (fetchedAt.equals(than.fetchedAt()) && !jwks.equals(than.jwks()));
    }
}
