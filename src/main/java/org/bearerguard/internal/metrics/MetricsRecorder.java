package org.bearerguard.internal.metrics;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.dpop.DpopReason;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.observe.Recorder;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The {@link Recorder} where the application sees MicroProfile Metrics 5: counters, timers and gauges in the
 * application registry, named in the OpenTelemetry style (dotted, units in the metadata, never in the name). Tag
 * values are bounded: the configured issuer names plus {@value #UNKNOWN_ISSUER} (no configured issuer could be told),
 * and fixed outcome sets ({@link Outcomes}).
 *
 * <p>Everything is registered as the application starts, except the counters of refusal outcomes: there are
 * {@value Outcomes#COUNT} outcomes per issuer, so each of those appears at its first refusal (a missing series is
 * a count of 0). After that a request finds its counter in an array slot: no registry look-up, no allocation but
 * the {@link Duration} a timer takes.
 *
 * <p>Threads: any. The lazily registered counters are published through an {@link AtomicReferenceArray}; two
 * threads registering the same one get the same counter from the registry.
 */
public class MetricsRecorder implements Recorder {

    /** The {@code issuer} tag of a request no configured issuer could be told for (names allow no parentheses). */
    public static final String UNKNOWN_ISSUER = "(unknown)";
    public static final String VERIFICATIONS = "bearerguard.verifications";
    public static final String VERIFICATION_DURATION = "bearerguard.verification.duration";
    public static final String CACHE_LOOKUPS = "bearerguard.token_cache.lookups";
    public static final String FETCHES = "bearerguard.jwks.fetches";
    public static final String FETCH_DURATION = "bearerguard.jwks.fetch.duration";
    public static final String KEY_SET_AGE = "bearerguard.keys.age";
    public static final String UNKNOWN_KID = "bearerguard.unknown_kid.refusals";
    public static final String DPOP_REPLAYS = "bearerguard.dpop.replays";

    private static final Metadata VERIFICATIONS_META = meta(VERIFICATIONS, MetricUnits.NONE,
            "Requests to protected resources, by issuer and outcome (accepted, or why refused)");

    private final MetricRegistry registry;
    private final Clock clock;
    /** Configured issuer name → its index; {@link #UNKNOWN_ISSUER} is the last. */
    private final Map<String, Integer> issuers;
    private final int unknown;
    private final AtomicReferenceArray<Counter> verifications;
    private final Timer[] verificationTimes;
    private final Counter hits;
    private final Counter misses;
    private final Counter[] fetches;
    private final Timer[] fetchTimes;
    private final Counter[] unknownKids;
    private final Counter[] replays;
    /** What this recorder registered, to remove on undeploy (never another application's metrics). */
    private final Queue<MetricID> registered = new ConcurrentLinkedQueue<>();

    @Inject
    public MetricsRecorder(MetricRegistry registry, BearerConfig config) {
        this(registry, config.issuers().stream().map(i -> i.name()).toList(), Clock.systemUTC());
    }

    /** @param issuerNames the configured issuer names, the only issuer tags besides {@value #UNKNOWN_ISSUER} */
    public MetricsRecorder(MetricRegistry registry, List<String> issuerNames, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        var byName = new HashMap<String, Integer>();
        for (var name : issuerNames) {
            byName.putIfAbsent(name, byName.size());
        }
        this.issuers = Map.copyOf(byName);
        this.unknown = issuers.size();
        int tags = unknown + 1;
        this.verifications = new AtomicReferenceArray<>(tags * Outcomes.COUNT);
        this.verificationTimes = new Timer[tags];
        this.fetches = new Counter[unknown * Recorder.Fetch.values().length];
        this.fetchTimes = new Timer[unknown];
        this.unknownKids = new Counter[unknown];
        this.replays = new Counter[unknown];
        var timeMeta = meta(VERIFICATION_DURATION, MetricUnits.NANOSECONDS,
                "Time bearer-guard took over a request to a protected resource, whatever the outcome");
        var fetchMeta = meta(FETCHES, MetricUnits.NONE,
                "Fetches of a key set from its issuer (JWKS, discovery included), by outcome");
        var fetchTimeMeta = meta(FETCH_DURATION, MetricUnits.NANOSECONDS, "Time one fetch of a key set took");
        var kidMeta = meta(UNKNOWN_KID, MetricUnits.NONE,
                "Tokens refused because no key of their issuer has their kid (after any refresh it allowed)");
        var replayMeta = meta(DPOP_REPLAYS, MetricUnits.NONE, "DPoP proofs refused because they were used before");
        for (int i = 0; i < tags; i++) {
            var issuer = new Tag("issuer", nameOf(i));
            verificationTimes[i] = registry.timer(timeMeta, noted(VERIFICATION_DURATION, issuer));
            counter(i, Outcomes.ACCEPTED);
            if (i == unknown) {
                continue;
            }
            for (var outcome : Recorder.Fetch.values()) {
                fetches[i * Recorder.Fetch.values().length + outcome.ordinal()] = registry.counter(fetchMeta,
                        noted(FETCHES, issuer, new Tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))));
            }
            fetchTimes[i] = registry.timer(fetchTimeMeta, noted(FETCH_DURATION, issuer));
            unknownKids[i] = registry.counter(kidMeta, noted(UNKNOWN_KID, issuer));
            replays[i] = registry.counter(replayMeta, noted(DPOP_REPLAYS, issuer));
        }
        var cacheMeta = meta(CACHE_LOOKUPS, MetricUnits.NONE,
                "Tokens looked up in the verified-token cache: hit (answered from it) or miss (verified in full)");
        this.hits = registry.counter(cacheMeta, noted(CACHE_LOOKUPS, new Tag("result", "hit")));
        this.misses = registry.counter(cacheMeta, noted(CACHE_LOOKUPS, new Tag("result", "miss")));
    }

    @Override
    public boolean timed() {
        return true;
    }

    @Override
    public void accepted(String issuer, long nanos) {
        int i = indexOf(issuer);
        counter(i, Outcomes.ACCEPTED).inc();
        verificationTimes[i].update(Duration.ofNanos(nanos));
    }

    @Override
    public void refused(String issuer, Enum<?> reason, long nanos) {
        int i = indexOf(issuer);
        counter(i, Outcomes.index(reason)).inc();
        verificationTimes[i].update(Duration.ofNanos(nanos));
        if (i != unknown && reason == Reason.UNKNOWN_KEY) {
            unknownKids[i].inc();
        } else if (i != unknown && reason == DpopReason.REPLAYED) {
            replays[i].inc();
        }
    }

    @Override
    public void cacheLookup(boolean hit) {
        (hit ? hits : misses).inc();
    }

    @Override
    public void fetched(String issuer, Fetch outcome, long nanos) {
        var index = issuers.get(issuer);
        if (index == null) {
            return; // key sources exist only for configured issuers
        }
        fetches[index * Fetch.values().length + outcome.ordinal()].inc();
        fetchTimes[index].update(Duration.ofNanos(nanos));
    }

    /** Seconds since each issuer's key set in use was fetched; -1 while it has none. */
    @Override
    public void keySetsFetchedAt(Map<String, Supplier<Instant>> fetchedAt) {
        var ageMeta = meta(KEY_SET_AGE, MetricUnits.SECONDS,
                "Age of the issuer's key set in use (since it was fetched or last renewed); -1 while there is none");
        fetchedAt.forEach((issuer, at) -> {
            if (!issuers.containsKey(issuer)) {
                return;
            }
            var tag = new Tag("issuer", issuer);
            registry.remove(new MetricID(KEY_SET_AGE, tag)); // a redeployed application's old gauge
            registry.gauge(ageMeta, () -> age(at.get()), noted(KEY_SET_AGE, tag));
        });
    }

    private double age(Instant fetchedAt) {
        return fetchedAt == null ? -1 : Math.max(0, Duration.between(fetchedAt, clock.instant()).toMillis() / 1000.0);
    }

    /** On undeploy: the gauges read this application's key sources, which are gone. */
    @PreDestroy
    public void close() {
        for (MetricID id; (id = registered.poll()) != null; ) {
            registry.remove(id);
        }
    }

    /** The tags, with the metric they make noted for {@link #close()}. */
    private Tag[] noted(String name, Tag... tags) {
        registered.add(new MetricID(name, tags));
        return tags;
    }

    private int indexOf(String issuer) {
        var index = issuer == null ? null : issuers.get(issuer);
        return index == null ? unknown : index;
    }

    private String nameOf(int index) {
        if (index == unknown) {
            return UNKNOWN_ISSUER;
        }
        return issuers.entrySet().stream().filter(e -> e.getValue() == index).findFirst().orElseThrow().getKey();
    }

    private Counter counter(int issuer, int outcome) {
        int slot = issuer * Outcomes.COUNT + outcome;
        var counter = verifications.get(slot);
        if (counter == null) {
            var tags = new Tag[] {new Tag("issuer", nameOf(issuer)), new Tag("outcome", Outcomes.name(outcome))};
            counter = registry.counter(VERIFICATIONS_META, tags);
            if (verifications.compareAndSet(slot, null, counter)) {
                noted(VERIFICATIONS, tags);
            }
        }
        return counter;
    }

    private static Metadata meta(String name, String unit, String description) {
        return Metadata.builder().withName(name).withUnit(unit).withDescription(description).build();
    }
}
