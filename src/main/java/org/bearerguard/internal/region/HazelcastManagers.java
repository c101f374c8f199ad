package org.bearerguard.internal.region;

import com.hazelcast.cache.HazelcastCacheManager;
import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.cache.HazelcastClientCachingProvider;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.cache.spi.CachingProvider;
import org.bearerguard.internal.config.BearerConfig.CacheSettings;

/**
 * Hazelcast's JCache, as an embedded member or as a client, configured from {@code bearer.cache.hazelcast.*} or
 * from a Hazelcast configuration file ({@code bearer.cache.uri}). Loaded only when one of those is chosen, so
 * Hazelcast stays an optional jar of the application.
 */
final class HazelcastManagers {

    private static final String LOOPBACK = "127.0.0.1";

    private HazelcastManagers() {
    }

    /** An embedded member: joins the listed members over TCP/IP (no multicast), bound where configured. */
    static CacheManagers.Opened member(CacheSettings settings) {
        if (settings.uri().isPresent()) {
            return fromFile(new HazelcastMemberCachingProvider(), settings);
        }
        return withInstance(Hazelcast.newHazelcastInstance(memberConfig(settings)),
                new HazelcastMemberCachingProvider(), "Hazelcast member of cluster " + settings.hazelcast().clusterName());
    }

    static Config memberConfig(CacheSettings settings) {
        var hz = settings.hazelcast();
        var config = new Config().setClusterName(hz.clusterName()).setInstanceName(instanceName());
        config.setClassLoader(CacheManagers.applicationLoader());
        var network = config.getNetworkConfig().setPort(hz.port()).setPortAutoIncrement(true);
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(hz.members().isEmpty()
                ? List.of(hz.iface().orElse(LOOPBACK)) : hz.members());
        // without an interface or other members to reach, nothing but this machine needs to reach the member
        var bind = hz.iface().or(() -> hz.members().isEmpty() ? Optional.of(LOOPBACK) : Optional.empty());
        bind.ifPresent(address -> {
            config.setProperty("hazelcast.socket.bind.any", "false");
            network.getInterfaces().setEnabled(true).addInterface(address);
            network.setPublicAddress(address);
        });
        config.getSerializationConfig().setJavaSerializationFilterConfig(javaSerializationFilter());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // a cache operation gives up within seconds (not Hazelcast's minutes) when members are gone: the key source
        // then acts alone
        config.setProperty("hazelcast.operation.call.timeout.millis", "5000");
        config.setProperty("hazelcast.invocation.max.retry.count", "20");
        return config;
    }

    /**
     * A client of an existing cluster. It reconnects in the background and fails operations at once while the
     * cluster is away (instead of blocking them), so a missing cache never holds up a request.
     */
    static CacheManagers.Opened client(CacheSettings settings) {
        if (settings.uri().isPresent()) {
            return fromFile(new HazelcastClientCachingProvider(), settings);
        }
        var config = clientConfig(settings);
        return withInstance(HazelcastClient.newHazelcastClient(config), new HazelcastClientCachingProvider(),
                "Hazelcast client of cluster " + settings.hazelcast().clusterName() + " at " + String.join(",", config
                        .getNetworkConfig().getAddresses()));
    }

    static ClientConfig clientConfig(CacheSettings settings) {
        var hz = settings.hazelcast();
        var config = new ClientConfig().setClusterName(hz.clusterName()).setInstanceName(instanceName());
        config.setClassLoader(CacheManagers.applicationLoader());
        config.getNetworkConfig().setAddresses(hz.members().isEmpty() ? List.of("127.0.0.1:5701") : hz.members());
        config.getConnectionStrategyConfig().setAsyncStart(true)
                .setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(-1).setMaxBackoffMillis(5000);
        config.setProperty("hazelcast.client.invocation.timeout.seconds", "5");
        config.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        config.getSerializationConfig().setJavaSerializationFilterConfig(javaSerializationFilter());
        return config;
    }

    /**
     * A provider of our own rather than the one {@code Caching} keeps per class loader: that one hands the same
     * manager to every caller with the default URI, whatever instance they name. The default URI and the provider's
     * default class loader matter too: Hazelcast prefixes the distributed cache's name with any other URI or loader
     * (a loader's name differs between servers), and every node must arrive at the same name. The values are
     * strings: no application class is ever deserialized.
     */
    private static CacheManagers.Opened withInstance(HazelcastInstance instance, CachingProvider provider,
                                                     String description) {
        try {
            var manager = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                    HazelcastCachingProvider.propertiesByInstanceItself(instance));
            return new CacheManagers.Opened(manager, () -> {
                CacheManagers.close(manager);
                CacheManagers.close(provider);
                instance.shutdown();
            }, description);
        } catch (RuntimeException e) {
            instance.shutdown();
            throw e;
        }
    }

    /** Hazelcast reads the file itself: {@code classpath:…}, {@code file:…}, XML or YAML. */
    private static CacheManagers.Opened fromFile(CachingProvider provider, CacheSettings settings) {
        var location = settings.uri().orElseThrow().toString();
        var manager = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                HazelcastCachingProvider.propertiesByLocation(location));
        var instance = ((HazelcastCacheManager) manager).getHazelcastInstance();
        return new CacheManagers.Opened(manager, () -> {
            CacheManagers.close(manager);
            CacheManagers.close(provider);
            instance.shutdown(); // started for this manager from the file
        }, "Hazelcast configured by " + location);
    }

    /**
     * Java deserialization limited to what Hazelcast's JCache itself sends: a client or member can put any
     * {@code Serializable} on the wire, and a gadget runs as it is deserialized. Our values are strings (Hazelcast's
     * own serializer, never Java serialization); what does go through Java serialization is the cache's configuration
     * (its expiry policy factory, which clients send the members) and the exceptions members answer each other with.
     * Hazelcast's default prefixes ({@code java}, {@code com.hazelcast.}, {@code [}) are switched off: {@code java}
     * allows the whole JDK. Of {@code javax.cache} only the classes our configuration uses, not
     * {@code FactoryBuilder.ClassFactory}, which instantiates any class it names. A Hazelcast configuration file
     * ({@code bearer.cache.uri}) sets its own filter (see {@code server-config/hazelcast/hazelcast-member.xml}).
     */
    static JavaSerializationFilterConfig javaSerializationFilter() {
        var filter = new JavaSerializationFilterConfig().setDefaultsDisabled(true);
        filter.getWhitelist()
                .addClasses(String.class.getName(),
                        // the region's configuration: CreatedExpiryPolicy.factoryOf(Duration)
                        "javax.cache.configuration.FactoryBuilder$SingletonFactory",
                        "javax.cache.expiry.CreatedExpiryPolicy", "javax.cache.expiry.EternalExpiryPolicy",
                        "javax.cache.expiry.Duration", "java.util.concurrent.TimeUnit",
                        // exceptions in answers, with their stack traces and suppressed lists
                        "javax.cache.CacheException", "javax.cache.integration.CacheLoaderException",
                        "javax.cache.integration.CacheWriterException", "javax.cache.processor.EntryProcessorException",
                        "java.util.concurrent.ExecutionException", "java.util.concurrent.TimeoutException",
                        "java.util.concurrent.CancellationException", "java.util.concurrent.CompletionException",
                        "java.io.IOException", "java.io.UncheckedIOException", "java.net.SocketException",
                        "java.net.ConnectException", "java.net.SocketTimeoutException",
                        "java.util.ArrayList", "java.util.Collections$EmptyList",
                        "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
                        "java.util.Collections$UnmodifiableRandomAccessList")
                // Throwable, Exception, Enum, StackTraceElement, the standard runtime exceptions (package only, not
                // java.lang.reflect or java.lang.invoke)
                .addPackages("java.lang")
                // Hazelcast's own (its exceptions); arrays, whose elements are checked one by one
                .addPrefixes("com.hazelcast.", "[");
        return filter;
    }

    /**
     * {@code base} as a Hazelcast cache that never evicts: Hazelcast's JCache otherwise evicts beyond 10,000 entries
     * (its default {@code ENTRY_COUNT}), and a region whose entries must not be forgotten (used DPoP proofs) would
     * silently lose them. Size is bounded by the writers instead ({@code dpop.LocalReplays}).
     */
    static javax.cache.configuration.CompleteConfiguration<String, String> neverEvicting(
            javax.cache.configuration.CompleteConfiguration<String, String> base) {
        return new com.hazelcast.config.CacheConfig<>(base).setEvictionConfig(new com.hazelcast.config.EvictionConfig()
                .setSize(Integer.MAX_VALUE).setMaxSizePolicy(com.hazelcast.config.MaxSizePolicy.ENTRY_COUNT));
    }

    private static String instanceName() {
        return "bearer-guard-" + UUID.randomUUID();
    }
}
