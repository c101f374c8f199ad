package org.bearerguard.internal.region;

import java.util.Optional;

/**
 * A region of entries sealed like the key sets' ({@link EntrySeal}: an HMAC over name and value under
 * {@code bearer.cache.secret}), for results other processes may reuse: introspection answers. A value that fails
 * the seal is ignored, as if absent: copied from another name, written without the secret, or not ours at all. Entries
 * expire with the region's lifetime from their creation; what lives shorter says so in its payload, for the reader to
 * check. A failing region answers as empty and takes no writes (logged once by {@link RegionHandle}). Every operation
 * is on the request path, so it is given {@link #LIMIT} ({@link RegionHandle#callWithin}).
 */
public final class SealedEntries {

    /** How long a request waits for one operation on the region. */
    static final java.time.Duration LIMIT = java.time.Duration.ofSeconds(1);

    private final RegionHandle region;
    private final EntrySeal seal;

    SealedEntries(RegionHandle region, EntrySeal seal) {
        this.region = region;
        this.seal = seal;
    }

    /** The payload stored under {@code name}, if there is one that passes the seal. */
    public Optional<String> get(String name) {
        var value = region.callWithin(LIMIT, cache -> cache.get(name), () -> null);
        return value == null ? Optional.empty() : seal.open(name, value);
    }

    public void put(String name, String payload) {
        region.callWithin(LIMIT, cache -> {
            cache.put(name, seal.seal(name, payload));
            return null;
        }, () -> null);
    }

    /**
     * Stores the payload only if nothing is stored under the name: of any number of processes claiming one name,
     * one is first. A failing region answers {@code true}: the caller acts alone.
     */
    public boolean claim(String name, String payload) {
        return region.callWithin(LIMIT, cache -> cache.putIfAbsent(name, seal.seal(name, payload)), () -> true);
    }

    /** Removes the entry only if it still holds this payload, as written by {@link #put} or {@link #claim}. */
    public void remove(String name, String payload) {
        region.callWithin(LIMIT, cache -> cache.remove(name, seal.seal(name, payload)), () -> false);
    }
}
