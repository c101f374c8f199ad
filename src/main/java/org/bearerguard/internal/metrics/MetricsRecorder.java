package org.bearerguard.internal.metrics;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
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
 * <p>Everything is registered as the key sources are built ({@link #issuers}), except the counters of refusal
 * outcomes: there are {@value Outcomes#COUNT} outcomes per issuer, so each of those appears at its first refusal (a
 * missing series is a count of 0). After that a request finds its counter in an array slot: no registry look-up, no
 * allocation but the {@link Duration} a timer takes.
 *
 * <p>It injects nothing of bearer-guard's: on Payara a bean added by an extension does not see the library's beans
 * (WELD-001408 for {@code BearerConfig}); the key sources tell it the issuers instead.
 *
 * <p>Threads: any. {@link #issuers} runs once, before any request, and publishes the series through a volatile
 * field; the refusal counters are registered lazily in {@link Series}.
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

    private static final Metadata TIME_META = meta(VERIFICATION_DURATION, MetricUnits.NANOSECONDS,
            "Time bearer-guard took over a request to a protected resource, whatever the outcome");
    private static final Metadata FETCH_META = meta(FETCHES, MetricUnits.NONE,
            "Fetches of a key set from its issuer (JWKS, discovery included), by outcome");
    private static final Metadata FETCH_TIME_META = meta(FETCH_DURATION, MetricUnits.NANOSECONDS,
            "Time one fetch of a key set took");
    private static final Metadata KID_META = meta(UNKNOWN_KID, MetricUnits.NONE,
            "Tokens refused because no key of their issuer has their kid (after any refresh it allowed)");
    private static final Metadata REPLAY_META = meta(DPOP_REPLAYS, MetricUnits.NONE,
            "DPoP proofs refused because they were used before");
    private static final Metadata AGE_META = meta(KEY_SET_AGE, MetricUnits.SECONDS,
            "Age of the issuer's key set in use (since it was fetched or last renewed); -1 while there is none");
    private static final Metadata CACHE_META = meta(CACHE_LOOKUPS, MetricUnits.NONE,
            "Tokens looked up in the verified-token cache: hit (answered from it) or miss (verified in full)");

    private final MetricRegistry registry;
    private final Clock clock;
    private final Counter hits;
    private final Counter misses;
    /** What this recorder registered, to remove on undeploy (never another application's metrics). */
    private final Queue<MetricID> registered = new ConcurrentLinkedQueue<>();
    private volatile Series series;

    @Inject
    public MetricsRecorder(MetricRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public MetricsRecorder(MetricRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.hits = registry.counter(CACHE_META, noted(CACHE_LOOKUPS, new Tag("result", "hit")));
        this.misses = registry.counter(CACHE_META, noted(CACHE_LOOKUPS, new Tag("result", "miss")));
        this.series = new Series(this, List.of());
    }

    /**
     * The configured issuers: registers their series, and a key set age gauge each ({@value #KEY_SET_AGE}: seconds
     * since the key set in use was fetched, -1 while there is none).
     */
    @Override
    public void issuers(Map<String, Supplier<Instant>> keySetFetchedAt) {
        var names = keySetFetchedAt.keySet().stream().sorted().toList();
        this.series = new Series(this, names);
        for (var name : names) {
            var at = keySetFetchedAt.get(name);
            var tag = new Tag("issuer", name);
            registry.remove(new MetricID(KEY_SET_AGE, tag)); // a redeployed application's old gauge
            registry.gauge(AGE_META, () -> age(at.get()), noted(KEY_SET_AGE, tag));
        }
    }

    @Override
    public boolean timed() {
        return true;
    }

    @Override
    public void accepted(String issuer, long nanos) {
        var s = series;
        int i = s.indexOf(issuer);
        s.counter(i, Outcomes.ACCEPTED).inc();
        s.verificationTimes[i].update(Duration.ofNanos(nanos));
    }

    @Override
    public void refused(String issuer, Enum<?> reason, long nanos) {
        var s = series;
        int i = s.indexOf(issuer);
        s.counter(i, Outcomes.index(reason)).inc();
        s.verificationTimes[i].update(Duration.ofNanos(nanos));
        if (i != s.unknown && reason == Reason.UNKNOWN_KEY) {
            s.unknownKids[i].inc();
        } else if (i != s.unknown && reason == DpopReason.REPLAYED) {
            s.replays[i].inc();
        }
    }

    @Override
    public void cacheLookup(boolean hit) {
        (hit ? hits : misses).inc();
    }

    @Override
    public void fetched(String issuer, Fetch outcome, long nanos) {
        var s = series;
        int i = s.indexOf(issuer);
        if (i == s.unknown) {
            return; // key sources exist only for configured issuers
        }
        s.fetches[i * Fetch.values().length + outcome.ordinal()].inc();
        s.fetchTimes[i].update(Duration.ofNanos(nanos));
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

    /** The series of one set of issuers, the last index being {@value #UNKNOWN_ISSUER}'s. */
    private static final class Series {

        private final MetricsRecorder recorder;
        private final List<String> names;
        private final Map<String, Integer> indexes;
        private final int unknown;
        private final java.util.concurrent.atomic.AtomicReferenceArray<Counter> verifications;
        private final Timer[] verificationTimes;
        private final Counter[] fetches;
        private final Timer[] fetchTimes;
        private final Counter[] unknownKids;
        private final Counter[] replays;

        Series(MetricsRecorder recorder, List<String> issuers) {
            this.recorder = recorder;
            this.unknown = issuers.size();
            var all = new java.util.ArrayList<>(issuers);
            all.add(UNKNOWN_ISSUER);
            this.names = List.copyOf(all);
            var byName = new java.util.HashMap<String, Integer>();
            issuers.forEach(name -> byName.put(name, byName.size()));
            this.indexes = Map.copyOf(byName);
            this.verifications = new java.util.concurrent.atomic.AtomicReferenceArray<>(names.size() * Outcomes.COUNT);
            this.verificationTimes = new Timer[names.size()];
            this.fetches = new Counter[unknown * Fetch.values().length];
            this.fetchTimes = new Timer[unknown];
            this.unknownKids = new Counter[unknown];
            this.replays = new Counter[unknown];
            var registry = recorder.registry;
            for (int i = 0; i < names.size(); i++) {
                var issuer = new Tag("issuer", names.get(i));
                verificationTimes[i] = registry.timer(TIME_META, recorder.noted(VERIFICATION_DURATION, issuer));
                counter(i, Outcomes.ACCEPTED);
                if (i == unknown) {
                    continue;
                }
                for (var outcome : Fetch.values()) {
                    var tag = new Tag("outcome", outcome.name().toLowerCase(Locale.ROOT));
                    fetches[i * Fetch.values().length + outcome.ordinal()] = registry.counter(FETCH_META,
                            recorder.noted(FETCHES, issuer, tag));
                }
                fetchTimes[i] = registry.timer(FETCH_TIME_META, recorder.noted(FETCH_DURATION, issuer));
                unknownKids[i] = registry.counter(KID_META, recorder.noted(UNKNOWN_KID, issuer));
                replays[i] = registry.counter(REPLAY_META, recorder.noted(DPOP_REPLAYS, issuer));
            }
        }

        int indexOf(String issuer) {
            var index = issuer == null ? null : indexes.get(issuer);
            return index == null ? unknown : index;
        }

        /** The counter of this issuer and outcome, registered at its first use; two threads get the same one. */
        Counter counter(int issuer, int outcome) {
            int slot = issuer * Outcomes.COUNT + outcome;
            var counter = verifications.get(slot);
            if (counter == null) {
                var tags = new Tag[] {new Tag("issuer", names.get(issuer)), new Tag("outcome", Outcomes.name(outcome))};
                counter = recorder.registry.counter(VERIFICATIONS_META, tags);
                if (verifications.compareAndSet(slot, null, counter)) {
                    recorder.noted(VERIFICATIONS, tags);
                }
            }
            return counter;
        }
    }

    private static Metadata meta(String name, String unit, String description) {
        return Metadata.builder().withName(name).withUnit(unit).withDescription(description).build();
    }
}
