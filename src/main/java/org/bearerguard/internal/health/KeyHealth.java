package org.bearerguard.internal.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.keys.KeySource;
import org.bearerguard.internal.keys.KeySources;

/**
 * What the health checks report, per issuer, from the key set requests read now ({@link KeySource#snapshot()}) and
 * the clock: never a network call, never a lock, so a probe costs a few reads whatever the issuer does. This class
 * names no MicroProfile Health type ({@link HealthResponses} turns its reports into responses).
 *
 * <p>An issuer's state follows what its tokens get: {@link State#FRESH} and {@link State#STALE} keys verify tokens,
 * {@link State#UNUSABLE} keys (past {@code max-staleness} beyond their expiry) and {@link State#NO_KEYS} give 503.
 */
public final class KeyHealth {

    /** Name of both checks. */
    public static final String CHECK_NAME = "bearer-guard";

    /** One issuer's state, as its entry says it. */
    public enum State {
        /** Keys within their lifetime. */
        FRESH("fresh", false),
        /** Past their expiry, still serving (refreshes failing) within {@code max-staleness}. */
        STALE("stale", false),
        /** Past {@code max-staleness}: the issuer's tokens get 503. */
        UNUSABLE("unusable", true),
        /** No keys yet, within {@code bearer.health.start-grace} of the start. */
        LOADING("loading", false),
        /** Still no keys after the start grace: the issuer's tokens get 503. */
        NO_KEYS("no keys", true),
        /** No keys yet, none fetched at start ({@code bearer.jwks.fetch-at-startup=false}): the first token fetches. */
        ON_DEMAND("on demand", false);

        private final String text;
        private final boolean down;

        State(String text, boolean down) {
            this.text = text;
            this.down = down;
        }

        /** Whether readiness reports DOWN for it (unless {@code bearer.health.readiness-down=false}). */
        public boolean down() {
            return down;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One issuer's entry.
     *
     * @param issuer the issuer's configured name ({@code default} for {@code bearer.issuer})
     * @param state  its state
     * @param age    how long ago its key set was fetched (whole seconds), for {@link State#STALE} and
     *               {@link State#UNUSABLE}
     */
    public record Entry(String issuer, State state, Optional<Duration> age) {

        /** {@code fresh}, {@code stale age=412s}, {@code unusable age=50000s}, {@code loading}, … */
        public String text() {
            return age.map(a -> state.text() + " age=" + a.toSeconds() + "s").orElse(state.text());
        }
    }

    /**
     * One check's answer.
     *
     * @param up      its status
     * @param entries one per configured issuer, in configuration order
     */
    public record Report(boolean up, List<Entry> entries) {

        /** Issuer name → {@link Entry#text()}: the check's data. */
        public Map<String, String> data() {
            var data = new LinkedHashMap<String, String>();
            entries.forEach(e -> data.put(e.issuer(), e.text()));
            return data;
        }
    }

    private final List<IssuerConfig> issuers;
    private final BearerConfig.HealthSettings settings;
    private final KeySources sources;
    private final Clock clock;

    public KeyHealth(BearerConfig config, KeySources sources, Clock clock) {
        this.issuers = config.issuers();
        this.settings = config.health();
        this.sources = sources;
        this.clock = clock;
    }

    /**
     * DOWN while an issuer's tokens would get 503 (unusable or no keys), unless
     * {@code bearer.health.readiness-down=false}; the entries say each issuer's state either way.
     */
    public Report readiness() {
        var entries = entries();
        return new Report(!settings.readinessDown() || entries.stream().noneMatch(e -> e.state().down()), entries);
    }

    /**
     * DOWN while an issuer is still loading its first keys within the start grace; UP once every issuer has keys,
     * fetches on demand, or has had its grace (from then on, readiness tells whether it has keys).
     */
    public Report startup() {
        var entries = entries();
        return new Report(entries.stream().noneMatch(e -> e.state() == State.LOADING), entries);
    }

    private List<Entry> entries() {
        var now = clock.instant();
        return issuers.stream().map(issuer -> entry(issuer, now)).toList();
    }

    private Entry entry(IssuerConfig issuer, Instant now) {
        var snapshot = sources.forIssuer(issuer.issuer()).map(KeySource::snapshot).orElse(null);
        if (snapshot == null) {
            if (!issuer.keys().fetchAtStartup()) {
                return new Entry(issuer.name(), State.ON_DEMAND, Optional.empty());
            }
            var loading = now.isBefore(sources.started().plus(settings.startGrace()));
            return new Entry(issuer.name(), loading ? State.LOADING : State.NO_KEYS, Optional.empty());
        }
        if (snapshot.isFresh(now)) {
            return new Entry(issuer.name(), State.FRESH, Optional.empty());
        }
        // whole seconds: what the entry says
        var age = Optional.of(Duration.ofSeconds(Math.max(0, Duration.between(snapshot.fetchedAt(), now).toSeconds())));
        // the same rule as KeySource.keys: past expiry + max-staleness, requests get "unavailable"
        var unusable = now.isAfter(snapshot.expiresAt().plus(issuer.keys().maxStaleness()));
        return new Entry(issuer.name(), unusable ? State.UNUSABLE : State.STALE, age);
    }
}
