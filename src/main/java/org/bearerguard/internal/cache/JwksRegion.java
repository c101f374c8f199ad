package org.bearerguard.internal.cache;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.BearerConfigException;

/**
 * The JCache region shared by every process that uses the same cache, keyed by issuer:
 *
 * <ul>
 *   <li>{@code <issuer>}: the key set as fetched ({@link CachedJwks});</li>
 *   <li>{@code lease <issuer>}: which process is fetching, and until when ({@link Lease}), so one process fetches
 *       while the others wait for the key set to appear;</li>
 *   <li>{@code unknown-kid <issuer>}: when an unknown {@code kid} last caused a fetch anywhere, for the
 *       cluster-wide allowance;</li>
 *   <li>{@code backoff <issuer>}: after a failed fetch, until when no process tries the issuer again.</li>
 * </ul>
 *
 * Only atomic JCache operations ({@code putIfAbsent}, {@code replace(k, old, new)}, {@code remove(k, v)}) are used,
 * so any provider works. A cache that fails never fails a request: reads become misses, writes are skipped, this
 * process acts alone (its own lease, its own allowance), and the trouble is logged once, as is the recovery.
 */
public final class JwksRegion implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JwksRegion.class.getName());
    /** Entries carry their own expiry; this only keeps a forgotten issuer from staying forever. */
    private static final javax.cache.expiry.Duration ENTRY_LIFETIME =
            new javax.cache.expiry.Duration(TimeUnit.DAYS, 7);

    /** While the region cannot be reached, how often to try again. */
    private static final long REACH_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String name;
    private final CacheManager manager;
    private final Runnable close;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile Cache<String, String> cache;
    private volatile long nextReach;

    JwksRegion(String name, CacheManager manager, Runnable close) {
        this.name = name;
        this.manager = manager;
        this.close = close;
    }

    /**
     * Opens the configured region ({@code bearer.cache.*}). A provider that cannot be opened at all (unknown class,
     * missing jar, bad file) fails the deployment; a distributed cache that cannot be reached right now does not:
     * the region is reached on first use, and until then this process keeps keys on its own.
     */
    public static JwksRegion open(BearerConfig.CacheSettings settings) {
        var opened = CacheManagers.open(settings);
        var region = new JwksRegion(settings.regionName(), opened.manager(), opened.close());
        LOG.log(Level.INFO, "bearer-guard: keys kept in JCache region ''{0}'' of {1}", settings.regionName(),
                opened.description());
        try {
            region.cache = regionIn(opened.manager(), settings.regionName());
        } catch (ClassCastException | IllegalArgumentException e) {
            opened.close().run();
            throw new BearerConfigException("cannot open JCache region '" + settings.regionName() + "' of "
                    + opened.description() + ": " + e.getMessage());
        } catch (RuntimeException unreachable) {
            region.failed(unreachable);
        }
        return region;
    }

    /** The region, reaching for it again (at most every 2 s) after it failed or could not be reached. */
    private Cache<String, String> cache() {
        var c = cache;
        if (c != null) {
            return c;
        }
        var now = System.nanoTime();
        if (now - nextReach < 0) {
            throw new IllegalStateException("region not reached yet");
        }
        nextReach = now + REACH_RETRY_NANOS;
        synchronized (this) {
            if (cache == null) {
                cache = regionIn(manager, name);
            }
            return cache;
        }
    }

    private static Cache<String, String> regionIn(CacheManager manager, String name) {
        var existing = manager.getCache(name, String.class, String.class);
        if (existing != null) {
            return existing;
        }
        var configuration = new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(ENTRY_LIFETIME));
        try {
            return manager.createCache(name, configuration);
        } catch (CacheException raced) {
            // another deployment or node sharing the manager created it between our two calls
            return manager.getCache(name, String.class, String.class);
        }
    }

    public Optional<CachedJwks> get(String issuer) {
        try {
            var value = cache().get(issuer);
            recovered();
            return value == null ? Optional.empty() : CachedJwks.decode(value);
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
    }

    public void put(String issuer, CachedJwks jwks) {
        try {
            cache().put(issuer, jwks.encode());
            recovered();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * Takes the issuer's fetch lease for {@code holder} until {@code now + time}, if nobody holds it or the holder's
     * lease has run out (it died or hangs). When the cache fails, this process takes it: it fetches on its own.
     *
     * @return the lease taken, or empty when another holder has it
     */
    public Optional<Lease> tryLease(String issuer, String holder, Instant now, Duration time) {
        var key = "lease " + issuer;
        var mine = new Lease(holder, now.plus(time));
        try {
            if (cache().putIfAbsent(key, mine.encode())) {
                recovered();
                return Optional.of(mine);
            }
            var current = cache().get(key);
            recovered();
            if (current == null) {
                return cache().putIfAbsent(key, mine.encode()) ? Optional.of(mine) : Optional.empty();
            }
            var theirs = Lease.decode(current);
            if (theirs.isPresent() && now.isBefore(theirs.get().until()) && !theirs.get().holder().equals(holder)) {
                return Optional.empty(); // running, and not one this process left behind (a release that failed)
            }
            return cache().replace(key, current, mine.encode()) ? Optional.of(mine) : Optional.empty();
        } catch (RuntimeException e) {
            failed(e);
            return Optional.of(mine);
        }
    }

    /** Whether another holder's lease on the issuer is running at {@code now}. */
    public boolean leased(String issuer, Instant now) {
        try {
            var current = cache().get("lease " + issuer);
            recovered();
            return current != null && Lease.decode(current).map(l -> now.isBefore(l.until())).orElse(false);
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    /** Gives the lease back, if it still is ours. */
    public void release(String issuer, Lease lease) {
        try {
            cache().remove("lease " + issuer, lease.encode());
            recovered();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * The cluster-wide unknown-{@code kid} allowance: true, and used up, if no process has spent it within
     * {@code interval} before {@code now}. When the cache fails, each process decides alone (true).
     */
    public boolean takeUnknownKidAllowance(String issuer, Instant now, Duration interval) {
        var key = "unknown-kid " + issuer;
        var value = Long.toString(now.toEpochMilli());
        try {
            var last = cache().get(key);
            recovered();
            if (last == null) {
                return cache().putIfAbsent(key, value);
            }
            long lastMillis;
            try {
                lastMillis = Long.parseLong(last);
            } catch (NumberFormatException damaged) {
                return cache().replace(key, last, value);
            }
            return now.toEpochMilli() - lastMillis >= interval.toMillis() && cache().replace(key, last, value);
        } catch (RuntimeException e) {
            failed(e);
            return true;
        }
    }

    /** Until when no process should try the issuer again (its fetches are failing); empty when not backing off. */
    public Optional<Instant> backoffUntil(String issuer) {
        try {
            var value = cache().get("backoff " + issuer);
            recovered();
            return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        } catch (NumberFormatException damaged) {
            return Optional.empty();
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
    }

    /** A failed fetch: the whole cluster waits until {@code until}; {@code null} ends the wait (a good fetch). */
    public void backoff(String issuer, Instant until) {
        try {
            if (until == null) {
                cache().remove("backoff " + issuer);
            } else {
                cache().put("backoff " + issuer, Long.toString(until.toEpochMilli()));
            }
            recovered();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        // reach for the region afresh next time (at most every 2 s): a cluster that restarted has forgotten the
        // cache itself, and an old handle would fail for ever
        cache = null;
        if (failing.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "bearer-guard: the JCache region ''{0}'' failed ({1}); this process keeps its"
                    + " keys and fetches on its own until the region works again", name,
                    e.getClass().getSimpleName());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "bearer-guard: the JCache region ''{0}'' works again", name);
        }
    }

    @Override
    public void close() {
        close.run();
    }
}
