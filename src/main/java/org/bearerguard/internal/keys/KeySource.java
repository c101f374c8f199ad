package org.bearerguard.internal.keys;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.bearerguard.internal.cache.Backoff;
import org.bearerguard.internal.cache.IssuerRegion;
import org.bearerguard.internal.cache.JwksRegion;
import org.bearerguard.internal.cache.Lease;
import org.bearerguard.internal.config.IssuerConfig;

/**
 * One issuer's keys. Requests read the in-process {@link KeySnapshot}; a known {@code kid} never waits on the cache
 * region or the network. Every refresh is single-flight in the process (concurrent callers share one future) and in
 * the cluster: it looks in the JCache region first, and only the process holding the region's {@link Lease} fetches;
 * the others wait for the key set to appear there (and take over if the lease runs out). Each upkeep round also
 * adopts a newer key set another process put in the region.
 *
 * <ul>
 *   <li><b>Refresh ahead</b>: {@link #maintain} (called every second by {@link KeyResolver}) refreshes at
 *       {@value #REFRESH_AHEAD_PERCENT}% of the key set's lifetime, conditionally when the issuer sent an ETag.</li>
 *   <li><b>Outage</b>: failed refreshes keep the last good keys and retry with a doubling wait, from
 *       {@code retry-interval} up to {@code max-backoff}; past {@code max-staleness} beyond expiry, requests get 503.
 *       The first good response ends the outage.</li>
 *   <li><b>No keys yet</b>: requests wait (bounded) for the first load; if it fails, 503 until the next attempt.</li>
 *   <li><b>Unknown {@code kid}</b>: one refresh at most per {@code min-refresh-interval} for unknown {@code kid}s,
 *       in this process and in the cluster (refreshes ahead do not count); between them the {@code kid} stays
 *       unknown (401 at once, no fetch).</li>
 * </ul>
 */
public final class KeySource {

    static final int REFRESH_AHEAD_PERCENT = 80;
    /** How often a process waiting for another's fetch looks at the region. */
    static final long REGION_POLL_MILLIS = 50;
    private static final System.Logger LOG = System.getLogger(KeySource.class.getName());

    private final IssuerConfig config;
    private final IssuerConfig.KeySettings settings;
    private final JwksFetcher fetcher;
    private final IssuerRegion region;
    private final Clock clock;
    private final Duration waitBound;
    private final Duration leaseTime;
    /** Runs the region polls of a process waiting for another's fetch. */
    private final ScheduledExecutorService poller;
    private volatile boolean closed;
    /** This process's name on a lease. */
    private final String holder = java.util.UUID.randomUUID().toString();

    private final AtomicReference<KeySnapshot> snapshot = new AtomicReference<>();
    private final Object lock = new Object();
    private CompletableFuture<KeySnapshot> inFlight; // guarded by lock
    private final AttemptGate gate; // guarded by lock
    private volatile URI discoveredJwksUri;
    /** Lock-free gate for requests that see a stale snapshot. */
    private volatile Instant nextBackgroundAttempt = Instant.MIN;

    public KeySource(IssuerConfig config, JwksFetcher fetcher, JwksRegion region, Clock clock,
                     ScheduledExecutorService poller) {
        this.poller = poller;
        this.config = config;
        this.settings = config.keys();
        this.fetcher = fetcher;
        this.region = region.forIssuer(config, clock);
        this.clock = clock;
        this.gate = new AttemptGate(settings);
        // discovery and JWKS are two exchanges, each bounded by the read timeout
        this.waitBound = settings.connectTimeout().plus(settings.readTimeout().multipliedBy(2));
        this.leaseTime = settings.leaseTime();
    }

    /**
     * The keys that may have signed a token with this header, read from one key set and returned with it.
     * Never throws for the token's sake: an unknown key or missing keys are answers.
     */
    public KeyLookup keys(String kid, String alg) {
        var now = clock.instant();
        var current = snapshot.get();
        if (current == null) {
            current = firstLoad(now);
            if (current == null) {
                return new KeyLookup.Unavailable(untilNextAttempt(clock.instant()));
            }
        } else if (!current.isFresh(now)) {
            if (now.isAfter(current.expiresAt().plus(settings.maxStaleness()))) {
                // fail closed, but as "unavailable": the token may well be valid, only we cannot tell
                refreshInBackground(now);
                return new KeyLookup.Unavailable(untilNextAttempt(now));
            }
            refreshInBackground(now);
        }
        var keys = current.select(kid, alg);
        if (!keys.isEmpty()) {
            return new KeyLookup.Found(keys, current);
        }
        if (kid != null && current.hasKid(kid)) {
            return new KeyLookup.OtherKeyType();
        }
        return keysAfterRefresh(kid, alg, now, current);
    }

    /**
     * Whether a key that verified a token is still published under that {@code kid} for that {@code alg} in the
     * key set requests use now, and that key set is usable: what a cached token must still have.
     */
    public boolean stillPublished(String kid, String alg, Key key) {
        var current = snapshot.get();
        return current != null && usable() && current.publishes(kid, alg, key);
    }

    /**
     * Background upkeep, called periodically: the first load when {@code fetch-at-startup} is on, refresh ahead of
     * expiry, and retries during an outage. Never blocks.
     */
    public void maintain() {
        var now = clock.instant();
        var current = snapshot.get();
        if (current == null && !settings.fetchAtStartup()) {
            return;
        }
        var newer = fromRegion(current); // another process fetched (before start-up, or since): adopt its keys
        if (newer != null) {
            current = newer;
        }
        if (current != null && now.isBefore(refreshAt(current))) {
            return;
        }
        synchronized (lock) {
            if (running() != null || !mayAttempt(now)) {
                return;
            }
            // refresh ahead: one process does it, the others adopt the result (the region was looked at just above,
            // and is again once the lease is taken)
            startRefresh(now, false);
        }
    }

    /** Whether requests may use the current keys: fresh, or stale for no longer than {@code max-staleness}. */
    public boolean usable() {
        var current = snapshot.get();
        return current != null && !clock.instant().isAfter(current.expiresAt().plus(settings.maxStaleness()));
    }

    /** Whether a fetch is under way. */
    public boolean refreshing() {
        synchronized (lock) {
            return running() != null;
        }
    }

    /** The snapshot requests currently read, if any. */
    public KeySnapshot snapshot() {
        return snapshot.get();
    }

    private static Instant refreshAt(KeySnapshot s) {
        var lifetime = Duration.between(s.fetchedAt(), s.expiresAt());
        return s.fetchedAt().plus(lifetime.multipliedBy(REFRESH_AHEAD_PERCENT).dividedBy(100));
    }

    /** The first key set, or null when none can be had now. */
    private KeySnapshot firstLoad(Instant now) {
        CompletableFuture<KeySnapshot> load;
        synchronized (lock) {
            var current = snapshot.get();
            if (current != null) {
                return current;
            }
            load = running();
            if (load == null) {
                var cached = fromRegion(null);
                if (cached != null) {
                    return cached; // a stale one is refreshed by the caller's freshness check
                }
                if (!mayAttempt(now)) {
                    return null;
                }
                load = startRefresh(now, true);
            }
        }
        try {
            return await(load);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /**
     * An unknown {@code kid}: the keys after a refresh. A refresh that may have begun before the key was published (one
     * already under way, or a newer set from the region) does not prove the {@code kid} unknown: if it lacks the key,
     * one refresh of our own follows, within the unknown-{@code kid} allowance.
     */
    private KeyLookup keysAfterRefresh(String kid, String alg, Instant now, KeySnapshot current) {
        var refresh = refreshForUnknownKid(now, current);
        for (int round = 0; refresh != null; round++) {
            KeySnapshot after;
            try {
                after = await(refresh.keys());
            } catch (ExecutionException | TimeoutException e) {
                break;
            }
            var keys = after.select(kid, alg);
            if (!keys.isEmpty()) {
                return new KeyLookup.Found(keys, after);
            }
            if (refresh.startedForThisKid() || round > 0) {
                break;
            }
            refresh = refreshForUnknownKid(clock.instant(), snapshot.get());
        }
        return new KeyLookup.UnknownKid();
    }

    /** A refresh an unknown {@code kid} waits for, and whether it was started for that {@code kid}. */
    private record Refresh(CompletableFuture<KeySnapshot> keys, boolean startedForThisKid) {
    }

    private Refresh refreshForUnknownKid(Instant now, KeySnapshot current) {
        synchronized (lock) {
            var running = running();
            if (running != null) {
                return new Refresh(running, false);
            }
            var latest = snapshot.get();
            if (latest != current) {
                // a refresh ended between this request's look at the keys and now: look at its keys first
                return new Refresh(CompletableFuture.completedFuture(latest), false);
            }
            // refreshes ahead of expiry do not count here: a rotated-in key is fetched on first sight unless another
            // unknown kid already caused a refresh within the interval. Checked first, so that a flood of unknown
            // kids costs no trip to the region either.
            if (!gate.mayRefreshForUnknownKid(now) || !clusterBackoffOver(now)) {
                return null;
            }
            var newer = fromRegion(current);
            if (newer != null) {
                return new Refresh(CompletableFuture.completedFuture(newer), false);
            }
            // the lease before the allowance: a process that sees no lease may then rely on the allowance's answer
            var lease = region.tryLease(holder);
            if (lease.isEmpty()) {
                inFlight = waitForHolder(); // another process is fetching: wait for its key set
                return new Refresh(inFlight, false);
            }
            var justIn = newerAfterLease(current, lease.get());
            if (justIn != null) {
                return new Refresh(CompletableFuture.completedFuture(justIn), false);
            }
            if (!gate.takeUnknownKidRefresh(now)
                    || !region.takeUnknownKidAllowance()) {
                region.release(lease.get());
                return null;
            }
            inFlight = startFetch(now, lease.get());
            return new Refresh(inFlight, true);
        }
    }

    /**
     * Called by every request while the snapshot is stale: a volatile check keeps those requests off the lock and
     * the region until the next attempt is due.
     */
    private void refreshInBackground(Instant now) {
        if (now.isBefore(nextBackgroundAttempt)) {
            return;
        }
        synchronized (lock) {
            if (running() != null || !mayAttempt(now)) {
                return;
            }
            nextBackgroundAttempt = now.plus(settings.retryInterval());
            if (fromRegion(snapshot.get()) == null) {
                startRefresh(now, false);
            }
        }
    }

    /**
     * Whether this process may go to the network now: its own backoff after failures, and the cluster's (a failure
     * anywhere makes every process wait, so N nodes do not try a failing issuer N times as often).
     */
    private boolean mayAttempt(Instant now) {
        return gate.mayAttempt(now) && clusterBackoffOver(now);
    }

    private boolean clusterBackoffOver(Instant now) {
        return region.backoff().map(b -> !now.isBefore(b.until())).orElse(true);
    }

    private Duration untilNextAttempt(Instant now) {
        Duration own;
        synchronized (lock) {
            own = gate.untilNextAttempt(now);
        }
        var cluster = region.backoff().map(Backoff::until).filter(now::isBefore).map(u -> Duration.between(now, u));
        return cluster.filter(c -> c.compareTo(own) > 0).orElse(own);
    }

    /** A fresh key set in the region that is newer than {@code than} (any, when null), adopted as the snapshot. */
    private KeySnapshot fromRegion(KeySnapshot than) {
        var cached = region.keySet();
        if (cached.isEmpty() || (than != null && !newer(cached.get().fetchedAt(), cached.get().jwks(), than, false))) {
            return null;
        }
        if (than != null && !cached.get().isFresh(clock.instant())) {
            return null;
        }
        try {
            var c = cached.get();
            return adopt(KeySnapshot.parse(c.jwks(), null, c.fetchedAt(), c.expiresAt()), false);
        } catch (InvalidKeySetException e) {
            return null;
        }
    }

    /**
     * Installs {@code candidate} unless a newer snapshot got there first (one of the same age too, unless the
     * candidate is this process's own fetch); returns the one in place.
     */
    private KeySnapshot adopt(KeySnapshot candidate, boolean ownFetch) {
        return snapshot.accumulateAndGet(candidate, (current, offered) -> current == null
                || newer(offered.fetchedAt(), offered.jwks(), current, ownFetch) ? offered : current);
    }

    /**
     * Whether a key set fetched at {@code fetchedAt} supersedes {@code than}: fetched later, or at the same instant
     * (clocks tick in milliseconds) with other content, or this process's own fetch.
     */
    private static boolean newer(Instant fetchedAt, String jwks, KeySnapshot than, boolean ownFetch) {
        return fetchedAt.isAfter(than.fetchedAt())
                || (fetchedAt.equals(than.fetchedAt()) && (ownFetch || !jwks.equals(than.jwks())));
    }

    private CompletableFuture<KeySnapshot> running() {
        return inFlight != null && !inFlight.isDone() ? inFlight : null;
    }

    /**
     * Under the lock: a refresh of the cluster's key set. With the region's lease, this process fetches; without it,
     * either nothing happens ({@code waitIfLeased} false: the holder's result is adopted by the next upkeep round) or
     * the returned future waits for the holder's key set to appear in the region, taking the lease over if it runs
     * out first.
     */
    private CompletableFuture<KeySnapshot> startRefresh(Instant now, boolean waitIfLeased) {
        var lease = region.tryLease(holder);
        if (lease.isPresent()) {
            var justIn = newerAfterLease(snapshot.get(), lease.get());
            inFlight = justIn != null ? CompletableFuture.completedFuture(justIn) : startFetch(now, lease.get());
        } else if (waitIfLeased) {
            inFlight = waitForHolder();
        } else {
            return null;
        }
        return inFlight;
    }

    /**
     * With the lease just taken: the previous holder may have put its key set and released between our look at the
     * region and our taking the lease. If so, that key set is used and the lease given back.
     */
    private KeySnapshot newerAfterLease(KeySnapshot than, Lease lease) {
        var newer = fromRegion(than);
        if (newer != null) {
            region.release(lease);
        }
        return newer;
    }

    /** The key set the lease holder is fetching, once it is in the region (bounded: twice the lease time). */
    private CompletableFuture<KeySnapshot> waitForHolder() {
        var waiting = new CompletableFuture<KeySnapshot>();
        pollRegion(snapshot.get(), System.nanoTime() + leaseTime.multipliedBy(2).toNanos(), waiting);
        return waiting;
    }

    /**
     * Waits for another process's fetch: a newer key set in the region, or its lease gone (then fetches itself).
     * Always completes: with keys, with the own fetch's outcome, or exceptionally at the deadline, on undeploy, or
     * when a look fails.
     */
    private void pollRegion(KeySnapshot previous, long deadlineNanos, CompletableFuture<KeySnapshot> result) {
        try {
            poller.schedule(() -> {
                try {
                    pollOnce(previous, deadlineNanos, result);
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }, REGION_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            result.completeExceptionally(stopped);
        }
    }

    private void pollOnce(KeySnapshot previous, long deadlineNanos, CompletableFuture<KeySnapshot> result) {
        if (closed) {
            result.completeExceptionally(new FetchException("the application stopped"));
            return;
        }
        var newer = fromRegion(previous);
        if (newer != null) {
            result.complete(newer);
            return;
        }
        var now = clock.instant();
        if (!region.leased()) {
            if (!clusterBackoffOver(now)) {
                // the holder failed: the whole cluster waits out the backoff it set
                result.completeExceptionally(new FetchException("the issuer failed; the cluster waits"));
                return;
            }
            // the holder finished without a new key set (it failed) or ran out of time (it died): take over
            var lease = region.tryLease(holder);
            if (lease.isPresent()) {
                var lastMoment = newerAfterLease(previous, lease.get());
                if (lastMoment != null) {
                    result.complete(lastMoment);
                    return;
                }
                CompletableFuture<KeySnapshot> own;
                synchronized (lock) {
                    own = startFetch(now, lease.get());
                }
                own.whenComplete((s, e) -> {
                    if (e == null) {
                        result.complete(s);
                    } else {
                        result.completeExceptionally(e);
                    }
                });
                return;
            }
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            result.completeExceptionally(new FetchException("no key set from the process fetching them"));
            return;
        }
        pollRegion(previous, deadlineNanos, result);
    }

    /** On undeploy: stops waiting for other processes. */
    void close() {
        closed = true;
    }

    private CompletableFuture<KeySnapshot> startFetch(Instant now, Lease lease) {
        gate.started(now);
        var previous = snapshot.get();
        var etag = previous == null ? null : previous.etag();
        var uri = config.jwksUri().orElse(discoveredJwksUri);
        var jwksUri = uri != null ? CompletableFuture.completedFuture(uri) : fetcher.jwksUri();
        var flight = jwksUri
                .thenCompose(u -> {
                    discoveredJwksUri = u;
                    return fetcher.fetch(u, etag);
                })
                .thenApply(fetched -> install(fetched, previous, now))
                .whenComplete((s, error) -> {
                    outcome(error); // the cluster's backoff is written before the lease is let go
                    region.release(lease);
                });
        return flight;
    }

    /**
     * A fetched key set, dated when the fetch started (so a slow answer never outranks a key set adopted meanwhile),
     * in milliseconds as the region stores it (so the copy other processes adopt compares equal to ours).
     */
    private KeySnapshot install(JwksFetcher.Fetched fetched, KeySnapshot previous, Instant startedAt) {
        var fetchedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
        var expiresAt = fetchedAt.plus(fetched.ttl());
        if (fetched.notModified() && previous != null && snapshot.get() != previous) {
            return snapshot.get(); // "not modified" speaks of the set we asked about, no longer the current one
        }
        try {
            var installed = fetched.notModified() && previous != null
                    ? previous.renewed(fetchedAt, expiresAt)
                    : KeySnapshot.parse(fetched.jwks(), fetched.etag(), fetchedAt, expiresAt);
            var inPlace = adopt(installed, true);
            if (inPlace != installed) {
                return inPlace; // another process's newer key set arrived meanwhile: keep it, and keep it in the region
            }
            if (!installed.ignored().isEmpty() && (previous == null || !installed.jwks().equals(previous.jwks()))) {
                LOG.log(Level.INFO, "bearer-guard: keys of {0}: using {1}, ignoring {2}: {3}", config.issuer(),
                        installed.size(), installed.ignored().size(), String.join("; ", installed.ignored()));
            }
            region.publish(installed.jwks(), fetchedAt, expiresAt, 0);
            return installed;
        } catch (InvalidKeySetException e) {
            throw new CompletionException(e);
        }
    }

    private void outcome(Throwable error) {
        int before;
        Instant nextAttempt;
        synchronized (lock) {
            before = gate.ended(error == null);
            nextAttempt = gate.nextAttemptAt();
        }
        int failed = error == null ? 0 : before + 1;
        if (error == null) {
            if (before > 0) {
                region.clearBackoff();
            }
            nextBackgroundAttempt = Instant.MIN;
            if (before > 0) {
                LOG.log(Level.INFO, "bearer-guard: keys of {0} fetched again after {1} failed attempts",
                        config.issuer(), before);
            }
            return;
        }
        region.backoff(new Backoff(nextAttempt, failed));
        discoveredJwksUri = null; // discover again next time: the issuer may have moved its keys
        var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        var message = cause instanceof InvalidKeySetException ? cause.getMessage() : cause.getClass().getSimpleName();
        // one WARN when an outage starts, not one per attempt or request
        LOG.log(failed == 1 ? Level.WARNING : Level.DEBUG, "bearer-guard: cannot fetch the keys of {0}: {1}"
                + " (keeping the last good keys, if any)", config.issuer(), message);
    }

    private KeySnapshot await(CompletableFuture<KeySnapshot> future) throws ExecutionException, TimeoutException {
        try {
            return future.get(waitBound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }
}
