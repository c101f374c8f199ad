package org.bearerguard.internal.region;

/**
 * A region of names written once: {@link #first} is {@code putIfAbsent}, so of any number of processes writing the
 * same name, exactly one is first. Entries expire with the region's lifetime, from their creation. Nothing is read
 * back but presence, so values are empty and unsealed: whoever can write to the region can at most claim names
 * before their owner (blocking them) or remove them (letting them be claimed again); the caller must tolerate that.
 * A failing region answers {@code true} (logged once by {@link RegionHandle}): the caller's own store decides; so does
 * one that gives no answer within {@link SealedEntries#LIMIT} (this is on the request path).
 */
public final class FirstWrites {

    private final RegionHandle region;

    FirstWrites(RegionHandle region) {
        this.region = region;
    }

    /** Whether this name was not written before (or the region cannot be reached now). */
    public boolean first(String name) {
        return region.callWithin(SealedEntries.LIMIT, cache -> cache.putIfAbsent(name, ""), () -> true);
    }
}
