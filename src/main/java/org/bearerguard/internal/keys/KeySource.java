package org.bearerguard.internal.keys;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.observe.Recorder;
import org.bearerguard.internal.region.JwksRegion;

/**
 * One issuer's keys as requests see them. A known {@code kid} is answered from the in-process key set
 * ({@link CurrentKeys}) and never waits on the region or the network; everything else goes through the
 * single-flight {@link Refresher}, which looks at the region ({@link ClusterCoordinator}) before it fetches
 * ({@link IssuerFetch}).
 *
 * <ul>
 *   <li><b>Refresh ahead</b>: {@link #maintain} (every second, from {@link KeySources}) adopts a newer key set
 *       from the region, and refreshes at {@value #REFRESH_AHEAD_PERCENT}% of the key set's lifetime.</li>
 *   <li><b>Outage</b>: failed refreshes keep the last good keys and retry with a doubling wait, from
 *       {@code retry-interval} up to {@code max-backoff}; past {@code max-staleness} beyond expiry, requests get
 *       "unavailable". The first good response ends the outage.</li>
 *   <li><b>No keys yet</b>: requests wait for the first load, until their deadline.</li>
 *   <li><b>Unknown {@code kid}</b>: one refresh at most per {@code min-refresh-interval}, in this node and in the
 *       cluster (refreshes ahead do not count); between them the {@code kid} stays unknown, at once.</li>
 * </ul>
 *
 * <p>Deadline: a request waits at most connect + 3 × read timeout in all (discovery, its RFC 8414 fallback and the
 * JWKS are three exchanges), however many waits it takes.
 *
 * <p>Threads: request threads call {@link #keys}; upkeep calls {@link #maintain}. Nothing here locks: requests
 * read a volatile reference and, when they must, wait on a future with their deadline.
 */
public final class KeySource {

    static final int REFRESH_AHEAD_PERCENT = 80;

    private final IssuerConfig.KeySettings settings;
    private final Clock clock;
    private final CurrentKeys keys = new CurrentKeys();
    private final ClusterCoordinator cluster;
    private final Refresher refresher;
    private final Duration requestDeadline;
    /** Lock-free gate for requests that see a stale key set: at most one refresh attempt per retry interval. */
    private volatile Instant nextBackgroundAttempt = Instant.MIN;

    public KeySource(IssuerConfig config, JwksFetcher fetcher, JwksRegion region, Clock clock,
                     ScheduledExecutorService worker) {
        this(config, fetcher, region, clock, worker, Recorder.NONE);
    }

    /** @param recorder told of each fetch of the key set from the issuer */
    public KeySource(IssuerConfig config, JwksFetcher fetcher, JwksRegion region, Clock clock,
                     ScheduledExecutorService worker, Recorder recorder) {
        this.settings = config.keys();
        this.clock = clock;
        this.requestDeadline = settings.requestDeadline();
        this.cluster = new ClusterCoordinator(config, region.forIssuer(config, clock), keys, worker);
        this.refresher = new Refresher(config, clock, keys, new IssuerFetch(config, fetcher, cluster, keys, recorder), cluster,
                worker);
    }

    /**
     * The keys that may have signed a token with this header, read from one key set and returned with it.
     * Never throws for the token's sake: an unknown key or missing keys are answers.
     */
    public KeyLookup keys(String kid, String alg) {
        var now = clock.instant();
        long deadline = System.nanoTime() + requestDeadline.toNanos();
        var current = keys.get();
        if (current == null) {
            current = firstLoad(deadline);
            if (current == null) {
                return new KeyLookup.Unavailable(refresher.untilNextAttempt(clock.instant()));
            }
        } else if (!current.isFresh(now)) {
            refreshInBackground(now);
            if (now.isAfter(current.expiresAt().plus(settings.maxStaleness()))) {
                // fail closed, but as "unavailable": the token may well be valid, only we cannot tell
                return new KeyLookup.Unavailable(refresher.untilNextAttempt(now));
            }
        }
        var found = current.select(kid, alg);
        if (!found.isEmpty()) {
            return new KeyLookup.Found(found, current);
        }
        if (kid != null && current.hasKid(kid)) {
            return new KeyLookup.OtherKeyType();
        }
        return afterRefresh(kid, alg, current, deadline);
    }

    /**
     * Whether a key that verified a token is still published under that {@code kid} for that {@code alg} in the
     * key set requests use now, and that key set is usable: what a cached token must still have.
     */
    public boolean stillPublished(String kid, String alg, Key key) {
        var current = keys.get();
        return current != null && usable() && current.publishes(kid, alg, key);
    }

    /**
     * Upkeep, called periodically: adopts a newer key set another node put in the region, loads the first one when
     * {@code fetch-at-startup} is on, refreshes ahead of expiry and retries during an outage. Never waits.
     */
    public void maintain() {
        var now = clock.instant();
        var current = keys.get();
        if (current == null && !settings.fetchAtStartup()) {
            return;
        }
        var newer = cluster.adoptNewer(current, now);
        if (newer != null) {
            current = newer;
        }
        if (current == null || !now.isBefore(refreshAt(current))) {
            refresher.refresh(Refresher.Purpose.AHEAD, current);
        }
    }

    /** Whether requests may use the current keys: fresh, or stale for no longer than {@code max-staleness}. */
    public boolean usable() {
        var current = keys.get();
        return current != null && !clock.instant().isAfter(current.expiresAt().plus(settings.maxStaleness()));
    }

    /** Whether a refresh is under way. */
    public boolean refreshing() {
        return refresher.running() != null;
    }

    /** The key set requests currently read, if any. */
    public KeySnapshot snapshot() {
        return keys.get();
    }

    /** On undeploy: stops waiting for other nodes. */
    void close() {
        cluster.close();
    }

    private static Instant refreshAt(KeySnapshot s) {
        var lifetime = Duration.between(s.fetchedAt(), s.expiresAt());
        return s.fetchedAt().plus(lifetime.multipliedBy(REFRESH_AHEAD_PERCENT).dividedBy(100));
    }

    /** The first key set, or null when none can be had by the deadline. */
    private KeySnapshot firstLoad(long deadline) {
        var load = refresher.refresh(Refresher.Purpose.FIRST, null);
        if (load != null) {
            try {
                await(load, deadline);
            } catch (ExecutionException | TimeoutException e) {
                // unavailable, unless another flight brought keys meanwhile
            }
        }
        return keys.get();
    }

    /**
     * An unknown {@code kid}: the keys after a refresh. A refresh that may have begun before the key was published
     * (one already under way, or a newer set from the region) does not prove the {@code kid} unknown: if it lacks
     * the key, one refresh of our own follows, within the unknown-{@code kid} allowance.
     */
    private KeyLookup afterRefresh(String kid, String alg, KeySnapshot current, long deadline) {
        var refresh = refresher.refresh(Refresher.Purpose.UNKNOWN_KID, current);
        for (int round = 0; refresh != null; round++) {
            Refresher.Refreshed after;
            try {
                after = await(refresh, deadline);
            } catch (ExecutionException | TimeoutException e) {
                break;
            }
            List<Key> found = after.keys() == null ? List.of() : after.keys().select(kid, alg);
            if (!found.isEmpty()) {
                return new KeyLookup.Found(found, after.keys());
            }
            if (after.conclusive() || round > 0) {
                break;
            }
            refresh = refresher.refresh(Refresher.Purpose.UNKNOWN_KID, keys.get());
        }
        return new KeyLookup.UnknownKid();
    }

    /**
     * Called by every request while the key set is stale: a volatile check keeps those requests off the refresher
     * until the next attempt is due.
     */
    private void refreshInBackground(Instant now) {
        if (now.isBefore(nextBackgroundAttempt)) {
            return;
        }
        nextBackgroundAttempt = now.plus(settings.retryInterval());
        refresher.refresh(Refresher.Purpose.AHEAD, keys.get());
    }

    private static <T> T await(CompletableFuture<T> future, long deadlineNanos)
            throws ExecutionException, TimeoutException {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }
}
