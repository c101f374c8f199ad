package org.bearerguard.internal.keys;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.observe.GuardedRecorder;
import org.bearerguard.internal.observe.Recorder;
import org.bearerguard.internal.region.JwksRegion;

/**
 * The application's key sources, one per configured issuer, over one JCache region, and the daemon threads that
 * keep them fresh ({@link KeySource#maintain()} every second) and poll the region while another process fetches.
 * Built once at deployment; the threads stop and the region closes on undeploy. Holds the application's
 * {@link Recorder} (a metrics bean where the application sees a metrics API, else {@link Recorder#NONE}), which the
 * request pipeline shares.
 */
@ApplicationScoped
public class KeySources {

    private static final System.Logger LOG = System.getLogger(KeySources.class.getName());
    private static final long MAINTENANCE_PERIOD_MILLIS = 1000;

    private Map<String, KeySource> sources;
    private JwksRegion region;
    private boolean ownsRegion;
    private ScheduledExecutorService background;
    private Recorder recorder;
    private Instant started;

    /** For CDI's client proxy only. */
    protected KeySources() {
    }

    /** The deployed resolver: system clock, the configured region, upkeep in the background. */
    @Inject
    public KeySources(BearerConfig config, Instance<Recorder> recorders) {
        this(config, JwksRegion.open(config.cache()), Clock.systemUTC(), true,
                recorders.isResolvable() ? recorders.get() : Recorder.NONE);
        background.scheduleWithFixedDelay(this::maintain, 0, MAINTENANCE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Without upkeep: the caller drives {@link #maintain()} (tests, with their own clock) and closes the region it
     * gave.
     */
    public KeySources(BearerConfig config, JwksRegion region, Clock clock) {
        this(config, region, clock, false, Recorder.NONE);
    }

    /** As {@link #KeySources(BearerConfig, JwksRegion, Clock)}, telling {@code recorder}. */
    public KeySources(BearerConfig config, JwksRegion region, Clock clock, Recorder recorder) {
        this(config, region, clock, false, recorder);
    }

    private KeySources(BearerConfig config, JwksRegion region, Clock clock, boolean ownsRegion, Recorder given) {
        // every key source and the pipeline record through this: a failing registry never fails a request or a fetch
        var recorder = GuardedRecorder.of(given);
        this.region = region;
        this.ownsRegion = ownsRegion;
        this.recorder = recorder;
        this.started = clock.instant();
        // upkeep, and the region polls of key sources waiting for another process's fetch
        this.background = Executors.newScheduledThreadPool(2, r -> {
            var thread = new Thread(r, "bearer-guard-keys");
            thread.setDaemon(true);
            return thread;
        });
        var map = new LinkedHashMap<String, KeySource>();
        for (var issuer : config.issuers()) {
            map.put(issuer.issuer(), new KeySource(issuer, new JwksFetcher(issuer), region, clock, background,
                    recorder));
        }
        this.sources = Map.copyOf(map);
        var fetchedAt = new LinkedHashMap<String, Supplier<Instant>>();
        for (var issuer : config.issuers()) {
            var source = sources.get(issuer.issuer());
            fetchedAt.put(issuer.name(), () -> {
                var keys = source.snapshot();
                return keys == null ? null : keys.fetchedAt();
            });
        }
        recorder.issuers(Map.copyOf(fetchedAt));
    }

    /** What the pipeline and the key sources tell of what they do. */
    public Recorder recorder() {
        return recorder;
    }

    /** The region the key sets are kept in (other shared state, such as used DPoP proofs, lives beside them). */
    public JwksRegion region() {
        return region;
    }

    /** When these key sources were built, as the application started: the first fetches begin then. */
    public Instant started() {
        return started;
    }

    /** The key source of this issuer, exactly as configured. */
    public Optional<KeySource> forIssuer(String issuer) {
        return Optional.ofNullable(sources.get(issuer));
    }

    private static final long UPKEEP_WARNING_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Upkeep runs on one thread (or the caller's): no other writer. */
    private volatile long lastUpkeepWarning;

    /** One round of upkeep for every issuer; never throws. */
    public void maintain() {
        for (var source : sources.values()) {
            try {
                source.maintain();
            } catch (RuntimeException | Error e) {
                // whatever one round hits (a region value too large for the heap, say), the next round runs: a task
                // of scheduleWithFixedDelay that throws is never run again. Said once a minute at most
                long now = System.nanoTime();
                var level = lastUpkeepWarning != 0 && now - lastUpkeepWarning < UPKEEP_WARNING_NANOS
                        ? Level.DEBUG : Level.WARNING;
                if (level == Level.WARNING) {
                    lastUpkeepWarning = now;
                }
                LOG.log(level, "bearer-guard: key upkeep failed ({0})", e.getClass().getName());
            }
        }
    }

    @PreDestroy
    public void close() {
        sources.values().forEach(KeySource::close);
        background.shutdownNow();
        if (ownsRegion) {
            region.close();
        }
    }
}
