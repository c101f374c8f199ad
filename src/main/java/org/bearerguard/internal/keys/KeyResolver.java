package org.bearerguard.internal.keys;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bearerguard.internal.cache.JwksRegion;
import org.bearerguard.internal.config.BearerConfig;

/**
 * The application's key sources, one per configured issuer, over one JCache region, and the daemon thread that
 * keeps them fresh ({@link KeySource#maintain()} every second). Built once at deployment; the thread stops and the
 * region closes on undeploy.
 */
@ApplicationScoped
public class KeyResolver {

    private static final System.Logger LOG = System.getLogger(KeyResolver.class.getName());
    private static final long MAINTENANCE_PERIOD_MILLIS = 1000;

    private Map<String, KeySource> sources;
    private JwksRegion region;
    private ScheduledExecutorService maintenance;

    /** For CDI's client proxy only. */
    protected KeyResolver() {
    }

    /** The deployed resolver: system clock, the configured region, upkeep in the background. */
    @Inject
    public KeyResolver(BearerConfig config) {
        this(config, JwksRegion.open(config.cache()), Clock.systemUTC());
        maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "bearer-guard-keys");
            thread.setDaemon(true);
            return thread;
        });
        maintenance.scheduleWithFixedDelay(this::maintain, 0, MAINTENANCE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Without a background thread: the caller drives {@link #maintain()} (tests, with their own clock). */
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

    /** One round of upkeep for every issuer; never throws. */
    public void maintain() {
        for (var source : sources.values()) {
            try {
                source.maintain();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "bearer-guard: key upkeep failed ({0})", e.getClass().getName());
            }
        }
    }

    @PreDestroy
    public void close() {
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        region.close();
    }
}
