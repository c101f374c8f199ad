package org.bearerguard.internal.region;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.bearerguard.internal.log.OutageLog;

/**
 * One JCache cache of a manager, reached lazily and reached again after it fails: a cache that fails never fails a
 * request, the caller gets its fallback answer, and the trouble is logged once (once an hour at most when it keeps
 * failing and recovering), as is the recovery.
 *
 * <p>Threads and locks: the handle is a volatile field, cleared on failure so that the next call (at most every 2 s)
 * looks the cache up afresh; the look-up itself runs under this object's monitor so that two threads do not both
 * create the cache. Operations run outside any lock. On the request path ({@link #callWithin}) an operation runs on
 * one of at most 16 daemon threads shared by every handle, and the request waits for it only so long: a cache that
 * hangs (a paused member, a partition) costs a request that time, not the provider's own timeout of a minute or
 * more; when all 16 threads wait on hung calls, further calls fail at once.
 */
final class RegionHandle {

    private static final System.Logger LOG = System.getLogger(RegionHandle.class.getName());
    /** While the cache cannot be reached, how often to try again. */
    private static final long REACH_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String name;
    private final CacheManager manager;
    private final Duration lifetime;
    /** What acting alone means for this cache, for the warning: "keeps its keys and fetches on its own". */
    private final String meanwhile;
    /** Whether entries must never be evicted to make room (only expire). */
    private final boolean neverEvict;
    /** One WARNING per outage, at most one an hour when the region keeps failing and recovering. */
    private final org.bearerguard.internal.log.RateLimitedLog busy =
            new org.bearerguard.internal.log.RateLimitedLog(LOG, java.time.Duration.ofMinutes(1));
    private final OutageLog outage = new OutageLog(LOG, java.time.Duration.ofHours(1));
    private volatile Cache<String, String> cache;
    private volatile long nextReach;

    RegionHandle(String name, CacheManager manager, Duration lifetime, String meanwhile) {
        this(name, manager, lifetime, meanwhile, false);
    }

    RegionHandle(String name, CacheManager manager, Duration lifetime, String meanwhile, boolean neverEvict) {
        this.name = name;
        this.manager = manager;
        this.lifetime = lifetime;
        this.meanwhile = meanwhile;
        this.neverEvict = neverEvict;
    }

    String name() {
        return name;
    }

    /** Reaches the cache now; what a provider throws when the cache cannot be had goes to the caller. */
    void reachNow() {
        cache = lookUp();
    }

    /**
     * Runs one operation on the cache. When the cache fails (or cannot be reached yet), the answer is
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
                cache = lookUp();
            }
            return cache;
        }
    }

    private Cache<String, String> lookUp() {
        var existing = manager.getCache(name, String.class, String.class);
        if (existing != null) {
            return existing;
        }
        var configuration = new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(lifetime));
        try {
            return manager.createCache(name, neverEvict ? neverEvicting(configuration) : configuration);
        } catch (CacheException raced) {
            // another deployment or node sharing the manager created it between our two calls
            return manager.getCache(name, String.class, String.class);
        }
    }

    /**
     * The configuration as one that never evicts, where the provider is known to evict by default and can be told
     * not to (Hazelcast, also inside Payara); any other provider is created as configured (README: Replay across a
     * cluster says what to check).
     */
    private CompleteConfiguration<String, String> neverEvicting(MutableConfiguration<String, String> configuration) {
        var provider = manager.getCachingProvider() == null ? "" : manager.getCachingProvider().getClass().getName();
        if (!provider.startsWith("com.hazelcast.")) {
            return configuration;
        }
        try {
            return HazelcastManagers.neverEvicting(configuration);
        } catch (LinkageError e) {
            // Hazelcast's configuration classes are not visible to the application: its default eviction stays
            LOG.log(Level.WARNING, "bearer-guard: the JCache region ''{0}'' is created with the provider''s default"
                    + " eviction ({1}); configure it to keep at least every node''s bearer.dpop.replay.max-entries",
                    name, e.getClass().getSimpleName());
            return configuration;
        }
    }

    /** Threads for {@link #callWithin}: created on demand, gone after 30 s idle, never more than 16. */
    private static final java.util.concurrent.ThreadPoolExecutor REQUEST_PATH =
            new java.util.concurrent.ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS,
                    new java.util.concurrent.SynchronousQueue<>(), r -> {
                        var t = new Thread(r, "bearer-guard-region");
                        t.setDaemon(true);
                        return t;
                    });

    /**
     * As {@link #call}, for a request that waits: without an answer within {@code limit}, the cache counts as
     * failing and the answer is {@code whenFailing}.
     */
    <T> T callWithin(java.time.Duration limit, Function<Cache<String, String>, T> operation, Supplier<T> whenFailing) {
        java.util.concurrent.Future<T> running;
        try {
            running = REQUEST_PATH.submit(() -> operation.apply(cache()));
        } catch (java.util.concurrent.RejectedExecutionException everyThreadWaits) {
            busy.log(Level.WARNING, () -> "bearer-guard: every one of the 16 threads for request-path operations on"
                    + " JCache region '" + name + "' waits on the cache; requests meanwhile act alone");
            return whenFailing.get();
        }
        try {
            var result = running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            recovered();
            return result;
        } catch (java.util.concurrent.TimeoutException e) {
            running.cancel(true);
            failed(new CacheException("no answer within " + limit.toMillis() + " ms"));
            return whenFailing.get();
        } catch (java.util.concurrent.ExecutionException e) {
            failed(e.getCause() instanceof RuntimeException r ? r : new CacheException(e.getCause().getClass()
                    .getSimpleName()));
            return whenFailing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whenFailing.get();
        }
    }

    void failed(RuntimeException e) {
        // reach for the cache afresh next time (at most every 2 s): a cluster that restarted has forgotten the
        // cache itself, and an old handle would fail for ever
        cache = null;
        outage.failed(() -> "bearer-guard: the JCache region '" + name + "' failed (" + e.getClass().getSimpleName()
                + "); this process " + meanwhile + " until the region works again");
    }

    private void recovered() {
        outage.recovered(() -> "bearer-guard: the JCache region '" + name + "' works again");
    }
}
