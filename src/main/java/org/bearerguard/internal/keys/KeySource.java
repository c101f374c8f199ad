package org.bearerguard.internal.keys;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.bearerguard.internal.cache.CachedJwks;
import org.bearerguard.internal.cache.JwksRegion;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * One issuer's keys. Requests read the in-process {@link KeySnapshot}; a known {@code kid} never waits on the cache
 * region or the network. Every refresh is single-flight (concurrent callers share one future) and looks in the JCache
 * region before it fetches, so a key set another process already fetched is used as it is.
 *
 * <ul>
 *   <li>No keys yet: wait (bounded) for the first load; if it fails, 503 until {@code retry-interval} has passed.</li>
 *   <li>Unknown {@code kid}: one refresh at most per {@code min-refresh-interval}; between them, 401 at once.</li>
 *   <li>Stale snapshot: keep serving it and refresh in the background.</li>
 * </ul>
 */
public final class KeySource {

    private static final System.Logger LOG = System.getLogger(KeySource.class.getName());

    private final IssuerConfig config;
    private final JwksFetcher fetcher;
    private final JwksRegion region;
    private final Clock clock;
    private final Duration waitBound;

    private final AtomicReference<KeySnapshot> snapshot = new AtomicReference<>();
    private final Object lock = new Object();
    private CompletableFuture<KeySnapshot> inFlight; // guarded by lock
    private Instant lastAttempt; // guarded by lock; start of the last network attempt, null before the first
    private boolean failing; // guarded by lock; whether the last network attempt failed
    private volatile URI discoveredJwksUri;
    private volatile Instant nextBackgroundAttempt = Instant.MIN;

    public KeySource(IssuerConfig config, JwksFetcher fetcher, JwksRegion region, Clock clock) {
        this.config = config;
        this.fetcher = fetcher;
        this.region = region;
        this.clock = clock;
        var keys = config.keys();
        // discovery and JWKS are two exchanges, each bounded by the read timeout
        this.waitBound = keys.connectTimeout().plus(keys.readTimeout().multipliedBy(2));
    }

    /**
     * The keys that may have signed a token with this header.
     *
     * @throws BearerException {@code invalid_token} for an unknown key, or keys unavailable (503)
     */
    public List<Key> keys(String kid, String alg) throws BearerException {
        var now = clock.instant();
        var current = snapshot.get();
        if (current == null) {
            current = firstLoad(now);
        } else if (!current.isFresh(now)) {
            refreshInBackground(now);
        }
        var keys = current.select(kid, alg);
        if (!keys.isEmpty()) {
            return keys;
        }
        if (kid != null && current.hasKid(kid)) {
            // RFC 8725 §3.1: the key named by kid is not one for this algorithm
            throw BearerException.invalidToken(Reason.ALGORITHM_NOT_ACCEPTED);
        }
        var refreshed = refreshForUnknownKid(now, current);
        if (refreshed == null) {
            throw BearerException.invalidToken(Reason.UNKNOWN_KEY);
        }
        try {
            keys = await(refreshed).select(kid, alg);
        } catch (ExecutionException | TimeoutException e) {
            keys = List.of();
        }
        if (keys.isEmpty()) {
            throw BearerException.invalidToken(Reason.UNKNOWN_KEY);
        }
        return keys;
    }

    /** The snapshot requests currently read, if any. */
    public KeySnapshot snapshot() {
        return snapshot.get();
    }

    private KeySnapshot firstLoad(Instant now) throws BearerException {
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
                    if (!cached.isFresh(now)) {
                        refreshInBackground(now);
                    }
                    return cached;
                }
                if (failing && now.isBefore(lastAttempt.plus(config.keys().retryInterval()))) {
                    throw BearerException.keysUnavailable(Duration.between(now, lastAttempt.plus(config.keys().retryInterval())));
                }
                load = startFetch(now);
            }
        }
        try {
            return await(load);
        } catch (ExecutionException | TimeoutException e) {
            throw BearerException.keysUnavailable(config.keys().retryInterval());
        }
    }

    private CompletableFuture<KeySnapshot> refreshForUnknownKid(Instant now, KeySnapshot current) {
        synchronized (lock) {
            var running = running();
            if (running != null) {
                return running;
            }
            var newer = fromRegion(current);
            if (newer != null) {
                return CompletableFuture.completedFuture(newer);
            }
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(config.keys().minRefreshInterval()))) {
                return null;
            }
            return startFetch(now);
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
            if (running() != null || (lastAttempt != null && now.isBefore(lastAttempt.plus(config.keys().retryInterval())))) {
                return;
            }
            nextBackgroundAttempt = now.plus(config.keys().retryInterval());
            if (fromRegion(snapshot.get()) == null) {
                startFetch(now);
            }
        }
    }

    /** A fresh key set in the region that is newer than {@code than} (any, when null), adopted as the snapshot. */
    private KeySnapshot fromRegion(KeySnapshot than) {
        var cached = region.get(config.issuer());
        if (cached.isEmpty() || (than != null && !cached.get().fetchedAt().isAfter(than.fetchedAt()))) {
            return null;
        }
        if (than != null && !cached.get().isFresh(clock.instant())) {
            return null;
        }
        try {
            var parsed = KeySnapshot.parse(cached.get().jwks(), cached.get().fetchedAt(), cached.get().expiresAt());
            snapshot.set(parsed);
            return parsed;
        } catch (InvalidKeySetException e) {
            return null;
        }
    }

    private CompletableFuture<KeySnapshot> running() {
        return inFlight != null && !inFlight.isDone() ? inFlight : null;
    }

    private CompletableFuture<KeySnapshot> startFetch(Instant now) {
        lastAttempt = now;
        var uri = config.jwksUri().orElse(discoveredJwksUri);
        var jwksUri = uri != null ? CompletableFuture.completedFuture(uri) : fetcher.jwksUri();
        var flight = jwksUri
                .thenCompose(u -> {
                    discoveredJwksUri = u;
                    return fetcher.fetch(u);
                })
                .thenApply(this::install)
                .whenComplete((s, error) -> outcome(error));
        inFlight = flight;
        return flight;
    }

    private KeySnapshot install(JwksFetcher.Fetched fetched) {
        var fetchedAt = clock.instant();
        var expiresAt = fetchedAt.plus(fetched.ttl());
        try {
            var parsed = KeySnapshot.parse(fetched.jwks(), fetchedAt, expiresAt);
            snapshot.set(parsed);
            region.put(config.issuer(), new CachedJwks(fetched.jwks(), fetchedAt, expiresAt));
            return parsed;
        } catch (InvalidKeySetException e) {
            throw new CompletionException(e);
        }
    }

    private void outcome(Throwable error) {
        boolean wasFailing;
        synchronized (lock) {
            wasFailing = failing;
            failing = error != null;
        }
        if (error == null) {
            if (wasFailing) {
                LOG.log(Level.INFO, "bearer-guard: keys of {0} fetched again", config.issuer());
            }
            return;
        }
        discoveredJwksUri = null; // discover again next time: the issuer may have moved its keys
        var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        var message = cause instanceof InvalidKeySetException ? cause.getMessage() : cause.getClass().getSimpleName();
        // one WARN when an outage starts, not one per attempt or request
        LOG.log(wasFailing ? Level.DEBUG : Level.WARNING, "bearer-guard: cannot fetch the keys of {0}: {1}",
                config.issuer(), message);
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
