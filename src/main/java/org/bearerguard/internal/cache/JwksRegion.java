package org.bearerguard.internal.cache;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.internal.config.Property;

/**
 * The JCache region of key sets, keyed by issuer. A cache that fails at run time never fails a request: reads
 * become misses, writes are skipped, and the trouble is logged once.
 */
public final class JwksRegion implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JwksRegion.class.getName());
    /** Entries carry their own expiry; this only keeps a forgotten issuer from staying forever. */
    private static final Duration ENTRY_LIFETIME = new Duration(TimeUnit.DAYS, 7);

    private final Cache<String, String> cache;
    private final CacheManager manager;
    private final AtomicBoolean failing = new AtomicBoolean();

    JwksRegion(Cache<String, String> cache, CacheManager manager) {
        this.cache = cache;
        this.manager = manager;
    }

    /**
     * Opens the configured region. The provider is always named and given the application's class loader:
     * a server may carry several providers (Payara ships Hazelcast's), and {@code Caching} is keyed by loader.
     */
    public static JwksRegion open(BearerConfig.CacheSettings settings) {
        var loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = JwksRegion.class.getClassLoader();
        }
        try {
            var provider = Caching.getCachingProvider(settings.providerClass(), loader);
            var manager = provider.getCacheManager(settings.uri().orElse(provider.getDefaultURI()), loader);
            return new JwksRegion(regionIn(manager, settings.regionName()), manager);
        } catch (CacheException | IllegalArgumentException | IllegalStateException e) {
            throw new BearerConfigException("cannot open JCache region '" + settings.regionName() + "' with "
                    + Property.CACHE_PROVIDER.key() + "=" + settings.providerClass() + ": " + e.getMessage());
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
            // another deployment sharing the manager created it between our two calls
            return manager.getCache(name, String.class, String.class);
        }
    }

    public Optional<CachedJwks> get(String issuer) {
        try {
            var value = cache.get(issuer);
            recovered();
            return value == null ? Optional.empty() : CachedJwks.decode(value);
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
    }

    public void put(String issuer, CachedJwks jwks) {
        try {
            cache.put(issuer, jwks.encode());
            recovered();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "bearer-guard: the JCache region ''{0}'' failed ({1}); using in-process keys until it recovers",
                    cache.getName(), e.getClass().getSimpleName());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "bearer-guard: the JCache region ''{0}'' works again", cache.getName());
        }
    }

    @Override
    public void close() {
        try {
            manager.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "bearer-guard: closing the cache manager failed", e);
        }
    }
}
