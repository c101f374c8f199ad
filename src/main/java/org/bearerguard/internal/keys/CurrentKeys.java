package org.bearerguard.internal.keys;

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
     * just said so; {@link IssuerFetch} drops a fetch that another node's overtook); a key set from the region only
     * with a higher generation and fetched no earlier than the one in place. The generation orders key sets across
     * nodes whatever their clocks (a node's entries dated ahead of the others' clocks are not read at all); the date
     * keeps a sealed key set recorded before a restart of the whole cluster (when generations start again) from
     * bringing back a key the issuer has removed since.
     */
    static boolean supersedes(KeySnapshot candidate, KeySnapshot inPlace, boolean ownFetch) {
        return inPlace == null || ownFetch || (candidate.generation() > inPlace.generation()
                && !candidate.fetchedAt().isBefore(inPlace.fetchedAt()));
    }
}
