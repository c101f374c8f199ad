package org.bearerguard.internal.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, validated and immutable.
 *
 * @param realm          {@code realm} of {@code WWW-Authenticate}
 * @param maxTokenLength longest accepted token
 * @param tokenCacheSize verified tokens cached per issuer; 0: off
 * @param cache          where key sets are kept
 * @param issuers        trusted issuers (one for now; several share this shape)
 */
public record BearerConfig(String realm, int maxTokenLength, int tokenCacheSize, CacheSettings cache,
                           List<IssuerConfig> issuers) {

    /**
     * The JCache region.
     *
     * @param provider   {@code ehcache}, {@code hazelcast}, {@code hazelcast-client}, {@code payara}, or a
     *                   {@code CachingProvider} class name
     * @param uri        {@code CacheManager} URI, or the Hazelcast configuration file; empty: the default
     * @param regionName cache name
     * @param hazelcast  cluster settings for {@code hazelcast} and {@code hazelcast-client}
     * @param secret     the key that authenticates region entries (at least 32 bytes); never logged
     * @param unauthenticated entries neither authenticated nor checked (the documented opt-out); never with a
     *                   secret
     */
    public record CacheSettings(String provider, Optional<java.net.URI> uri, String regionName,
                                HazelcastSettings hazelcast, Optional<byte[]> secret, boolean unauthenticated) {

        public static final String EHCACHE = "ehcache";
        public static final String HAZELCAST = "hazelcast";
        public static final String HAZELCAST_CLIENT = "hazelcast-client";
        public static final String PAYARA = "payara";
        public static final String EHCACHE_PROVIDER_CLASS = "org.ehcache.jsr107.EhcacheCachingProvider";

        /** Whether other processes may write to the region: every provider but the in-process {@code ehcache}. */
        public boolean shared() {
            return !provider.equals(EHCACHE);
        }

        /** Without the secret: a record must not show it. */
        @Override
        public String toString() {
            return "CacheSettings[provider=" + provider + ", uri=" + uri + ", regionName=" + regionName
                    + ", hazelcast=" + hazelcast + ", secret=" + (secret.isPresent() ? "(set)" : "(none)")
                    + ", unauthenticated=" + unauthenticated + "]";
        }
    }

    /**
     * @param clusterName cluster to form or join
     * @param members     {@code host:port}: the cluster (client), or the members to join (member)
     * @param iface       the address a member binds
     * @param port        a member's port
     */
    public record HazelcastSettings(String clusterName, List<String> members, Optional<String> iface, int port) {
    }
}
