package org.bearerguard.internal.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.bearerguard.internal.config.IssuerConfig;

/**
 * One issuer's entries in the shared {@link JwksRegion}, read and written at the time of the issuer's clock. Any
 * operation the region fails becomes "act alone": a miss, a skipped write, this process's own lease and allowance.
 *
 * <p>Threads: any thread may call any method; the only state is the region's (every change of an entry is one atomic
 * JCache operation).
 */
public final class IssuerRegion {

    private final JwksRegion region;
    private final IssuerConfig.KeySettings settings;
    private final Clock clock;
    private final String keySetKey;
    private final String leaseKey;
    private final String allowanceKey;
    private final String backoffKey;

    IssuerRegion(JwksRegion region, IssuerConfig issuer, Clock clock) {
        this.region = region;
        this.settings = issuer.keys();
        this.clock = clock;
        var key = issuer.regionKey();
        this.keySetKey = key;
        this.leaseKey = "lease " + key;
        this.allowanceKey = "unknown-kid " + key;
        this.backoffKey = "backoff " + key;
    }

    /** The issuer's key set in the region, if there is one. */
    public Optional<CachedJwks> keySet() {
        return region.call(c -> Optional.ofNullable(c.get(keySetKey)).flatMap(CachedJwks::decode), Optional::empty);
    }

    public void put(CachedJwks jwks) {
        region.call(c -> {
            c.put(keySetKey, jwks.encode());
            return null;
        }, () -> null);
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
        return region.call(c -> {
            if (c.putIfAbsent(leaseKey, mine.encode())) {
                return Optional.of(mine);
            }
            var current = c.get(leaseKey);
            if (current == null) {
                return c.putIfAbsent(leaseKey, mine.encode()) ? Optional.of(mine) : Optional.empty();
            }
            var theirs = Lease.decode(current);
            if (theirs.isPresent() && now.isBefore(theirs.get().until()) && !theirs.get().holder().equals(holder)) {
                return Optional.empty(); // running, and not one this process left behind (a release that failed)
            }
            return c.replace(leaseKey, current, mine.encode()) ? Optional.of(mine) : Optional.empty();
        }, () -> Optional.of(mine));
    }

    /** Whether a lease on the issuer is running now. */
    public boolean leased() {
        var now = clock.instant();
        return region.call(c -> Optional.ofNullable(c.get(leaseKey)).flatMap(Lease::decode)
                .map(l -> now.isBefore(l.until())).orElse(false), () -> false);
    }

    /** Gives the lease back, if it still is ours. */
    public void release(Lease lease) {
        region.call(c -> c.remove(leaseKey, lease.encode()), () -> false);
    }

    /**
     * The cluster-wide unknown-{@code kid} allowance: true, and used up, if no process has spent it within
     * {@code min-refresh-interval}. When the region fails, each process decides alone (true).
     */
    public boolean takeUnknownKidAllowance() {
        var now = clock.instant();
        var value = Long.toString(now.toEpochMilli());
        return region.call(c -> {
            var last = c.get(allowanceKey);
            if (last == null) {
                return c.putIfAbsent(allowanceKey, value);
            }
            long lastMillis;
            try {
                lastMillis = Long.parseLong(last);
            } catch (NumberFormatException damaged) {
                return c.replace(allowanceKey, last, value);
            }
            return now.toEpochMilli() - lastMillis >= settings.minRefreshInterval().toMillis()
                    && c.replace(allowanceKey, last, value);
        }, () -> true);
    }

    /** Until when no process should try the issuer again (its fetches are failing); empty when not backing off. */
    public Optional<Instant> backoffUntil() {
        return region.call(c -> Optional.ofNullable(c.get(backoffKey)).flatMap(IssuerRegion::epochMillis),
                Optional::empty);
    }

    /** A failed fetch: the whole cluster waits until {@code until}; {@code null} ends the wait (a good fetch). */
    public void backoff(Instant until) {
        region.call(c -> {
            if (until == null) {
                c.remove(backoffKey);
            } else {
                c.put(backoffKey, Long.toString(until.toEpochMilli()));
            }
            return null;
        }, () -> null);
    }

    private static Optional<Instant> epochMillis(String value) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        } catch (NumberFormatException | java.time.DateTimeException damaged) {
            return Optional.empty();
        }
    }
}
