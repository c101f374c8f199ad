package org.bearerguard.internal.region;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.cache.Cache;
import org.bearerguard.internal.config.IssuerConfig;

/**
 * One issuer's entries in the shared {@link JwksRegion}, read and written at the time of the issuer's clock. Every
 * value is sealed ({@link EntrySeal}); one that is not ours is ignored, counted and reported ({@link Rejections}),
 * and a write replaces it. Any operation the region fails becomes "act alone": a miss, a skipped write, this
 * process's own lease and allowance.
 *
 * <p>Threads: any thread may call any method; the only state is the region's (every change of an entry is one atomic
 * JCache operation) and the rejection count.
 */
public final class IssuerRegion {

    /** Publishers of one key set are few (the lease holder, rarely another): a bound that is never reached. */
    static final int PUBLISH_TRIES = 32;

    private final JwksRegion region;
    private final EntrySeal seal;
    private final IssuerConfig.KeySettings settings;
    private final Clock clock;
    private final Rejections rejections;
    private final EntryBounds bounds;
    private final String keySetKey;
    private final String leaseKey;
    private final String allowanceKey;
    private final String backoffKey;

    IssuerRegion(JwksRegion region, IssuerConfig issuer, Clock clock) {
        this.region = region;
        this.seal = region.seal();
        this.settings = issuer.keys();
        this.clock = clock;
        this.rejections = new Rejections(region.name(), clock);
        this.bounds = new EntryBounds(settings);
        var key = issuer.regionKey();
        this.keySetKey = key;
        this.leaseKey = "lease " + key;
        this.allowanceKey = "unknown-kid " + key;
        this.backoffKey = "backoff " + key;
    }

    /** The issuer's key set in the region, if there is one of ours within bounds ({@link EntryBounds}). */
    public Optional<CachedJwks> keySet() {
        return region.call(c -> valid(read(c, keySetKey), payload -> bounds.keySetPayload(payload).isPresent()
                ? Optional.empty() : CachedJwks.decode(payload), bounds::keySet), Optional::empty);
    }

    /**
     * Publishes a key set with the next generation: one above both the region's and {@code after} (the highest this
     * node holds, so that a region that lost its entries does not start again below what the nodes know). Written by
     * compare-and-set ({@code putIfAbsent}, {@code replace(k, old, new)}), retried at most {@value #PUBLISH_TRIES}
     * times, so no two publishers ever write the same generation.
     *
     * @return the key set as written; when the region fails (or every try lost), this node's own: generation one
     *         above the highest it saw
     */
    public CachedJwks publish(String jwks, Instant fetched, Instant expires, long after) {
        // in milliseconds, as the region keeps them: what is returned equals what other nodes read
        var fetchedAt = fetched.truncatedTo(ChronoUnit.MILLIS);
        var expiresAt = expires.truncatedTo(ChronoUnit.MILLIS);
        var highest = new long[] {after};
        return region.call(c -> {
            for (int attempt = 0; attempt < PUBLISH_TRIES; attempt++) {
                var current = read(c, keySetKey);
                // any authenticated key set counts, even a stale or future one: the order only ever goes up (but
                // never beyond the range, or every key set after it would be out of bounds too)
                valid(current, CachedJwks::decode, (k, now) -> Optional.empty())
                        .filter(theirs -> theirs.generation() <= EntryBounds.MAX_GENERATION)
                        .ifPresent(theirs -> highest[0] = Math.max(highest[0], theirs.generation()));
                var mine = new CachedJwks(jwks, highest[0] + 1, fetchedAt, expiresAt);
                var sealed = seal.seal(keySetKey, mine.encode());
                if (current.raw() == null ? c.putIfAbsent(keySetKey, sealed)
                        : c.replace(keySetKey, current.raw(), sealed)) {
                    return mine;
                }
            }
            return new CachedJwks(jwks, highest[0] + 1, fetchedAt, expiresAt);
        }, () -> new CachedJwks(jwks, highest[0] + 1, fetchedAt, expiresAt));
    }

    /**
     * Takes the issuer's fetch lease for {@code holder} for the lease time, if nobody holds it or the holder's lease
     * has run out (it died or hangs). When the region fails, this process takes it: it fetches on its own.
     *
     * @return the lease taken, or empty when another holder has it
     */
    public Optional<Lease> tryLease(String holder) {
        var now = clock.instant();
        var mine = new Lease(holder, now.plus(settings.leaseTime()));
        var sealed = seal.seal(leaseKey, mine.encode());
        return region.call(c -> {
            if (c.putIfAbsent(leaseKey, sealed)) {
                return Optional.of(mine);
            }
            var current = read(c, leaseKey);
            if (current.raw() == null) {
                return c.putIfAbsent(leaseKey, sealed) ? Optional.of(mine) : Optional.empty();
            }
            var theirs = valid(current, Lease::decode, bounds::lease);
            if (theirs.isPresent() && now.isBefore(theirs.get().until()) && !theirs.get().holder().equals(holder)) {
                return Optional.empty(); // running, and not one this process left behind (a release that failed)
            }
            return c.replace(leaseKey, current.raw(), sealed) ? Optional.of(mine) : Optional.empty();
        }, () -> Optional.of(mine));
    }

    /** Whether a lease on the issuer is running now. */
    public boolean leased() {
        var now = clock.instant();
        return region.call(c -> valid(read(c, leaseKey), Lease::decode, bounds::lease)
                .map(l -> now.isBefore(l.until())).orElse(false), () -> false);
    }

    /** Gives the lease back, if it still is ours. */
    public void release(Lease lease) {
        region.call(c -> c.remove(leaseKey, seal.seal(leaseKey, lease.encode())), () -> false);
    }

    /**
     * The cluster-wide unknown-{@code kid} allowance: true, and used up, if no process has spent it within
     * {@code min-refresh-interval}. When the region fails, each process decides alone (true).
     */
    public boolean takeUnknownKidAllowance() {
        var now = clock.instant();
        var sealed = seal.seal(allowanceKey, Long.toString(now.toEpochMilli()));
        return region.call(c -> {
            var current = read(c, allowanceKey);
            if (current.raw() == null) {
                return c.putIfAbsent(allowanceKey, sealed);
            }
            var last = valid(current, IssuerRegion::epochMillis, bounds::allowanceSpent);
            return (last.isEmpty() || !now.isBefore(last.get().plus(settings.minRefreshInterval())))
                    && c.replace(allowanceKey, current.raw(), sealed);
        }, () -> true);
    }

    /**
     * The cluster's backoff for a node holding key set generation {@code held}: after failed fetches, until when no
     * process tries the issuer; empty when none, and when it was recorded by a node holding an older key set (a
     * fetch succeeded after that failure: every success publishes a higher generation).
     */
    public Optional<Backoff> backoff(long held) {
        return region.call(c -> valid(read(c, backoffKey), Backoff::decode, bounds::backoff)
                .filter(b -> b.generation() >= held), Optional::empty);
    }

    /** A failed fetch: the whole cluster waits until {@code backoff.until()}. */
    public void backoff(Backoff backoff) {
        region.call(c -> {
            c.put(backoffKey, seal.seal(backoffKey, backoff.encode()));
            return null;
        }, () -> null);
    }

    /** A good fetch: the cluster's backoff ends. */
    public void clearBackoff() {
        region.call(c -> c.remove(backoffKey), () -> false);
    }

    /** How many entries of this issuer were ignored as not ours or out of bounds. */
    long rejectedEntries() {
        return rejections.count();
    }

    /**
     * An entry as stored: its raw value (what a compare-and-set must name; null when there is none) and, when it is
     * ours, its payload.
     */
    private record Stored(String name, String raw, Optional<String> payload) {
    }

    /**
     * The entry under {@code name}. Anything that is not a string was not written by bearer-guard: it is removed
     * (a compare-and-set cannot name it) and read as absent.
     */
    private Stored read(Cache<String, String> cache, String name) {
        @SuppressWarnings("unchecked")
        var untyped = (Cache<String, Object>) (Cache<String, ?>) cache;
        Object value;
        try {
            value = untyped.get(name);
        } catch (RuntimeException e) {
            if (!refusedToDeserialize(e)) {
                throw e; // the region failed
            }
            rejections.ignored(name, "an object the cache refuses to deserialize");
            untyped.remove(name);
            return new Stored(name, null, Optional.empty());
        }
        if (value == null) {
            return new Stored(name, null, Optional.empty());
        }
        if (!(value instanceof String s)) {
            rejections.ignored(name, "not a string");
            untyped.remove(name);
            return new Stored(name, null, Optional.empty());
        }
        if (s.length() > bounds.entryChars(name.equals(keySetKey))) {
            // judged by its length alone, before it is copied or authenticated: a huge value costs one read, once
            rejections.ignored(name, "larger than any entry of ours");
            cache.remove(name, s);
            return new Stored(name, null, Optional.empty());
        }
        var payload = seal.open(name, s);
        if (payload.isEmpty()) {
            // authenticated once, then gone (unless it changed meanwhile): a forged value is not re-read every second
            rejections.ignored(name, seal.refusal());
            cache.remove(name, s);
            return new Stored(name, null, Optional.empty());
        }
        return new Stored(name, s, payload);
    }

    /** Whether the provider refused to deserialize a value (Hazelcast's Java serialization filter). */
    private static boolean refusedToDeserialize(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SecurityException) {
                return true;
            }
        }
        return false;
    }

    /** What a sealed entry says, if it is readable and within bounds at this node's time. */
    private <T> Optional<T> valid(Stored stored, Function<String, Optional<T>> decode,
                                  BiFunction<T, Instant, Optional<String>> outOfBounds) {
        if (stored.payload().isEmpty()) {
            return Optional.empty();
        }
        var value = decode.apply(stored.payload().get());
        if (value.isEmpty()) {
            rejections.ignored(stored.name(), "unreadable");
            return value;
        }
        var why = outOfBounds.apply(value.get(), clock.instant());
        if (why.isPresent()) {
            rejections.ignored(stored.name(), why.get());
            return Optional.empty();
        }
        return value;
    }

    private static Optional<Instant> epochMillis(String value) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        } catch (NumberFormatException | DateTimeException damaged) {
            return Optional.empty();
        }
    }
}
