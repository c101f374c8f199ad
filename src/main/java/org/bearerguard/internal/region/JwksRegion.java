package org.bearerguard.internal.region;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.internal.config.IssuerConfig;

/**
 * The JCache region shared by every process that uses the same cache. Each issuer sees it through an
 * {@link IssuerRegion}, which keeps these entries, named by the issuer's
 * {@link IssuerConfig#regionKey() region key} (the issuer and a digest of where its keys come from):
 *
 * <ul>
 *   <li>{@code <key>}: the key set as fetched ({@link CachedJwks}), with its generation;</li>
 *   <li>{@code lease <key>}: which process is fetching, and until when ({@link Lease}), so one process fetches
 *       while the others wait for the key set to appear;</li>
 *   <li>{@code unknown-kid <key>}: when an unknown {@code kid} last caused a fetch anywhere, for the
 *       cluster-wide allowance;</li>
 *   <li>{@code backoff <key>}: after failed fetches, until when no process tries the issuer again, and after how
 *       many failures ({@link Backoff}).</li>
 * </ul>
 *
 * The region is not trusted: every value is sealed with the cache secret ({@link EntrySeal}) and checked against
 * bounds ({@link EntryBounds}) before use. Only portable JCache operations are used ({@code get}, {@code put},
 * {@code putIfAbsent}, {@code replace(k, old, new)}, {@code remove(k[, v])}), so any provider works. A cache that
 * fails never fails a request: reads become misses, writes are skipped, this process acts alone (its own lease, its
 * own allowance), and the trouble is logged once, as is the recovery.
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
    private final EntrySeal seal;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile Cache<String, String> cache;
    private volatile long nextReach;

    JwksRegion(String name, CacheManager manager, Runnable close, EntrySeal seal) {
        this.name = name;
        this.manager = manager;
        this.close = close;
        this.seal = seal;
    }

    /**
     * Opens the configured region ({@code bearer.cache.*}). A provider that cannot be opened at all (unknown class,
     * missing jar, bad file) fails the deployment; a distributed cache that cannot be reached right now does not:
     * the region is reached on first use, and until then this process keeps keys on its own.
     */
    public static JwksRegion open(BearerConfig.CacheSettings settings) {
        var opened = CacheManagers.open(settings);
        var region = new JwksRegion(settings.regionName(), opened.manager(), opened.close(), EntrySeal.of(settings));
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

    /** This region as one issuer sees it: its entries, checked against its settings, at the time of its clock. */
    public IssuerRegion forIssuer(IssuerConfig issuer, Clock clock) {
        return new IssuerRegion(this, issuer, clock);
    }

    String name() {
        return name;
    }

    EntrySeal seal() {
        return seal;
    }

    /**
     * Runs one operation on the region. When the region fails (or cannot be reached yet), the answer is
     * {@code whenFailing}: the caller then acts alone.
     */
    <T> T call(Function<Cache<String, String>, T> operation, Supplier<T> whenFailing) {
        try {
            var result = operation.apply(cache());
            recovered();
            return result;
        } catch (RuntimeException e) {
            failed(e);
            return whenFailing.get();
        }
    }

    private void failed(RuntimeException e) {
        // reach for the region afresh next time (at most every 2 s): a cluster that restarted has forgotten the
        // cache itself, and an old handle would fail for ever
        cache = null;
        if (failing.compareAndSet(false, true)) {
            // a region that keeps failing and recovering says so once an hour, not at every turn
            long now = System.nanoTime();
            long last = lastWarning;
            var level = last != 0 && now - last < WARNING_INTERVAL_NANOS ? Level.DEBUG : Level.WARNING;
            if (level == Level.WARNING) {
                lastWarning = now;
            }
            LOG.log(level, "bearer-guard: the JCache region ''{0}'' failed ({1}); this process keeps its"
                    + " keys and fetches on its own until the region works again", name,
                    e.getClass().getSimpleName());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "bearer-guard: the JCache region ''{0}'' works again", name);
        }
    }

    private static final long WARNING_INTERVAL_NANOS = TimeUnit.HOURS.toNanos(1);
    private volatile long lastWarning;

    @Override
    public void close() {
        close.run();
    }
}
