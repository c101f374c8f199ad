package org.bearerguard.internal.keys;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bearerguard.internal.cache.JwksRegion;
import org.bearerguard.internal.config.BearerConfig;

/**
 * The application's key sources, one per configured issuer, over one JCache region. Built once at deployment;
 * the region is closed on undeploy.
 */
@ApplicationScoped
public class KeyResolver {

    private Map<String, KeySource> sources;
    private JwksRegion region;

    /** For CDI's client proxy only. */
    protected KeyResolver() {
    }

    @Inject
    public KeyResolver(BearerConfig config) {
        this(config, JwksRegion.open(config.cache()), Clock.systemUTC());
    }

    public KeyResolver(BearerConfig config, JwksRegion region, Clock clock) {
        this.region = region;
        var map = new LinkedHashMap<String, KeySource>();
        for (var issuer : config.issuers()) {
            map.put(issuer.issuer(), new KeySource(issuer, new JwksFetcher(issuer), region, clock));
        }
        this.sources = Map.copyOf(map);
    }

    /** The key source of this issuer, exactly as configured. */
    public Optional<KeySource> forIssuer(String issuer) {
        return Optional.ofNullable(sources.get(issuer));
    }

    @PreDestroy
    public void close() {
        region.close();
    }
}
