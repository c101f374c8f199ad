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
     * @param providerClass {@code CachingProvider} class name
     * @param uri           {@code CacheManager} URI; empty means the provider's default
     * @param regionName    cache name
     */
    public record CacheSettings(String providerClass, Optional<java.net.URI> uri, String regionName) {
    }
}
