package org.bearerguard.internal.region;

import java.util.Optional;

/**
 * A region of entries sealed like the key sets' ({@link EntrySeal}: an HMAC over name and value under
 * {@code bearer.cache.secret}), for results other processes may reuse: introspection answers. A value that fails
 * the seal is ignored, as if absent: copied from another name, written without the secret, or not ours at all. Entries
 * expire with the region's lifetime from their creation; what lives shorter says so in its payload, for the reader to
 * check. A failing region answers as empty and takes no writes (logged once by {@link RegionHandle}).
 */
public final class SealedEntries {

    private final RegionHandle region;
    private final EntrySeal seal;

    SealedEntries(RegionHandle region, EntrySeal seal) {
        this.region = region;
        this.seal = seal;
    }

    /** The payload stored under {@code name}, if there is one that passes the seal. */
    public Optional<String> get(String name) {
        var value = region.call(cache -> cache.get(name), () -> null);
        return value == null ? Optional.empty() : seal.open(name, value);
    }

    public void put(String name, String payload) {
        region.call(cache -> {
            cache.put(name, seal.seal(name, payload));
            return null;
        }, () -> null);
    }

    /**
     * Stores the payload only if nothing is stored under the name: of any number of processes claiming one name,
     * one is first. A failing region answers {@code true}: the caller acts alone.
     */
    public boolean claim(String name, String payload) {
        return region.call(cache -> cache.putIfAbsent(name, seal.seal(name, payload)), () -> true);
    }

    public void remove(String name) {
        region.call(cache -> cache.remove(name), () -> false);
    }
}
