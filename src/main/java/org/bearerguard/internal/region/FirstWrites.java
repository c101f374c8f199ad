package org.bearerguard.internal.region;

/**
 * A region of names written once: {@link #first} is {@code putIfAbsent}, so of any number of processes writing the
 * same name, exactly one is first. Entries expire with the region's lifetime, from their creation. Nothing is read
 * back but presence, so values are empty and unsealed: whoever can write to the region can at most claim names
 * before their owner (blocking them) or remove them (letting them be claimed again); the caller must tolerate that.
 * A failing region answers {@code true} (logged once by {@link RegionHandle}): the caller's own store decides.
 */
public final class FirstWrites {

    private final RegionHandle region;

    FirstWrites(RegionHandle region) {
        this.region = region;
    }

    /** Whether this name was not written before (or the region cannot be reached now). */
    public boolean first(String name) {
        // waits for the region's own answer, however long the provider takes: an answer given up on could only be
        // taken as "first", and a proof another node accepted would pass here
        return region.call(cache -> cache.putIfAbsent(name, ""), () -> true);
    }
}
