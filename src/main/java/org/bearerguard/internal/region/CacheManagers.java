package org.bearerguard.internal.region;

import java.lang.System.Logger.Level;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.bearerguard.internal.config.BearerConfig.CacheSettings;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.internal.config.Property;

/**
 * Opens the {@code CacheManager} that {@code bearer.cache.provider} names, and knows how to let go of it: what we
 * opened we close on undeploy, what the server owns (Payara's data grid) we leave alone.
 */
final class CacheManagers {

    private static final System.Logger LOG = System.getLogger(CacheManagers.class.getName());
    /** Where Payara binds the CacheManager of its data grid. */
    static final String PAYARA_JNDI_NAME = "payara/CacheManager";

    /** An open manager and what closing it means. */
    record Opened(CacheManager manager, Runnable close, String description) {
    }

    private CacheManagers() {
    }

    static Opened open(CacheSettings settings) {
        try {
            return switch (settings.provider()) {
                case CacheSettings.EHCACHE -> byClass(CacheSettings.EHCACHE_PROVIDER_CLASS, settings);
                case CacheSettings.HAZELCAST -> HazelcastManagers.member(settings);
                case CacheSettings.HAZELCAST_CLIENT -> HazelcastManagers.client(settings);
                case CacheSettings.PAYARA -> payara();
                default -> byClass(settings.provider(), settings);
            };
        } catch (NoClassDefFoundError e) {
            throw new BearerConfigException(Property.CACHE_PROVIDER.key() + "=" + settings.provider()
                    + " needs classes the application does not have (" + e.getMessage()
                    + "): add the provider's jar, e.g. com.hazelcast:hazelcast, to the WAR");
        } catch (CacheException | IllegalArgumentException | IllegalStateException e) {
            throw new BearerConfigException("cannot open the JCache provider " + Property.CACHE_PROVIDER.key() + "="
                    + settings.provider() + ": " + (e.getMessage() != null ? e.getMessage() : e.toString())
                    + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
        }
    }

    /**
     * A provider by class name, always with the application's class loader: a server may carry several providers
     * (Payara ships Hazelcast's), and {@code Caching} is keyed by loader.
     */
    private static Opened byClass(String providerClass, CacheSettings settings) {
        var loader = applicationLoader();
        var provider = Caching.getCachingProvider(providerClass, loader);
        var manager = provider.getCacheManager(settings.uri().orElse(provider.getDefaultURI()), loader);
        return new Opened(manager, () -> close(manager), providerClass);
    }

    private static Opened payara() {
        try {
            var manager = (CacheManager) new InitialContext().lookup(PAYARA_JNDI_NAME);
            return new Opened(manager, () -> { }, "Payara data grid (" + PAYARA_JNDI_NAME + ")");
        } catch (NamingException | ClassCastException e) {
            throw new BearerConfigException(Property.CACHE_PROVIDER.key() + "=payara needs Payara's JCache at JNDI "
                    + PAYARA_JNDI_NAME + ": " + e);
        }
    }

    static ClassLoader applicationLoader() {
        var loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : CacheManagers.class.getClassLoader();
    }

    static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "bearer-guard: closing " + closeable + " failed", e);
        }
    }
}
