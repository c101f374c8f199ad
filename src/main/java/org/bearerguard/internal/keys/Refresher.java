package org.bearerguard.internal.keys;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.region.Lease;

/**
 * One issuer's refreshes, single-flight: every caller that needs new keys while a refresh runs shares its future.
 * A refresh looks at the region first, then fetches only with the cluster's lease (or waits for the node that has
 * it), within this node's and the cluster's backoff and, for an unknown {@code kid}, both allowances.
 *
 * <p>Threads and locks: {@code lock} guards the flight and the {@link AttemptGate}, nothing else; under it only
 * memory is touched. The region and the network are used only by the flight's work, which runs on the key workers
 * ("bearer-guard-keys") after the lock is let go, so a slow region delays refreshes, never a request with known
 * keys, and never a request past its own deadline.
 */
final class Refresher {

    private static final System.Logger LOG = System.getLogger(Refresher.class.getName());

    /** Why a refresh is wanted: decides the allowance it needs and whether it waits for another node's fetch. */
    enum Purpose {
        /** No keys yet: wait for the lease holder if another node fetches. */
        FIRST,
        /** Refresh ahead of expiry, or of a stale set: one node fetches, the others adopt the result later. */
        AHEAD,
        /** A {@code kid} the keys lack: needs the unknown-kid allowances, here and in the cluster. */
        UNKNOWN_KID
    }

    /**
     * What a refresh ended with.
     *
     * @param keys       the key set in place afterwards
     * @param conclusive true when it was fetched for an unknown kid, or refused for lack of allowance: the answer
     *                   for that kid, no further round
     */
    record Refreshed(KeySnapshot keys, boolean conclusive) {
    }

    private final IssuerConfig config;
    private final Clock clock;
    private final CurrentKeys keys;
    private final IssuerFetch fetch;
    private final ClusterCoordinator cluster;
    private final ScheduledExecutorService worker;

    private final Object lock = new Object();
    private CompletableFuture<Refreshed> flight; // guarded by lock
    private final AttemptGate gate; // guarded by lock

    Refresher(IssuerConfig config, Clock clock, CurrentKeys keys, IssuerFetch fetch, ClusterCoordinator cluster,
              ScheduledExecutorService worker) {
        this.config = config;
        this.clock = clock;
        this.keys = keys;
        this.fetch = fetch;
        this.cluster = cluster;
        this.worker = worker;
        this.gate = new AttemptGate(config.keys());
    }

    /** A refresh under way, if any. */
    CompletableFuture<Refreshed> running() {
        synchronized (lock) {
            return flight != null && !flight.isDone() ? flight : null;
        }
    }

    /**
     * Joins the refresh under way, or starts one for {@code purpose} if this node's backoff (and, for an unknown
     * kid, its allowance) lets it; null when nothing may start now.
     *
     * @param seen the key set the caller looked at: if another has been installed since, that one is the answer
     */
    CompletableFuture<Refreshed> refresh(Purpose purpose, KeySnapshot seen) {
        var now = clock.instant();
        CompletableFuture<Refreshed> started;
        synchronized (lock) {
            if (flight != null && !flight.isDone()) {
                return flight;
            }
            var latest = keys.get();
            if (purpose != Purpose.AHEAD && latest != null && latest != seen) {
                // a refresh ended between the caller's look at the keys and now: look at its keys first
                return CompletableFuture.completedFuture(new Refreshed(latest, false));
            }
            // checked first, so that a flood of unknown kids costs no trip to the region either
            if ((purpose == Purpose.UNKNOWN_KID && !gate.mayRefreshForUnknownKid(now))
                    || (purpose == Purpose.AHEAD && !gate.mayAttempt(now))) {
                return null;
            }
            started = new CompletableFuture<>();
            flight = started;
        }
        try {
            worker.execute(() -> run(purpose, started));
        } catch (RejectedExecutionException stopped) {
            started.completeExceptionally(stopped);
        }
        return started;
    }

    /** The flight's work, on a key worker, no lock held; timed from when it runs (a worker may have been busy). */
    private void run(Purpose purpose, CompletableFuture<Refreshed> result) {
        var now = clock.instant();
        try {
            var seen = keys.get();
            var newer = cluster.adoptNewer(seen, now);
            if (newer != null) {
                result.complete(new Refreshed(newer, false));
                return;
            }
            if (!mayAttempt(now) || !cluster.backoffOver(now)) {
                var stale = seen == null ? cluster.adoptStale(now, cluster.lastKnownBackoffGeneration()) : null;
                if (stale != null) {
                    result.complete(new Refreshed(stale, false)); // no keys, an outage: the cluster's stale ones
                    return;
                }
                switch (purpose) {
                    case FIRST -> result.completeExceptionally(new FetchException("backing off"));
                    case AHEAD -> result.complete(new Refreshed(seen, false));
                    case UNKNOWN_KID -> result.complete(new Refreshed(seen, true));
                }
                return;
            }
            var lease = cluster.tryLease();
            if (lease.isEmpty()) {
                if (purpose == Purpose.AHEAD && seen != null && seen.isFresh(now)) {
                    result.complete(new Refreshed(seen, false)); // the holder's result is adopted by upkeep
                } else {
                    // stale or no keys: wait for the holder, but not for ever (a lease can be a copy put back)
                    forward(cluster.waitForHolder(seen, clock, l -> fetchOrStale(l, now)), result, false);
                }
                return;
            }
            // with the lease just taken: the previous holder may have put its key set and let go meanwhile
            var justIn = cluster.adoptNewer(seen, now);
            if (justIn != null) {
                cluster.release(lease.get());
                result.complete(new Refreshed(justIn, false));
                return;
            }
            if (purpose == Purpose.UNKNOWN_KID && !(takeLocalAllowance(now) && cluster.takeUnknownKidAllowance())) {
                cluster.release(lease.get());
                result.complete(new Refreshed(seen, true));
                return;
            }
            forward(fetchOrStale(lease.get(), now), result, purpose == Purpose.UNKNOWN_KID);
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    private boolean takeLocalAllowance(Instant now) {
        synchronized (lock) {
            return gate.takeUnknownKidRefresh(now);
        }
    }

    /**
     * Fetches with the lease; the outcome is recorded and the lease let go, on a key worker. A node with no keys whose
     * own fetch failed takes a stale key set from the region, if there is one within {@code max-staleness} (an
     * outage: its own failed fetch is the proof).
     */
    private CompletableFuture<KeySnapshot> fetchOrStale(Lease lease, Instant now) {
        return fetchWith(lease, now).exceptionallyComposeAsync(error -> {
            var stale = keys.get() == null ? cluster.adoptStale(clock.instant(), 0) : null;
            return stale != null ? CompletableFuture.completedFuture(stale) : CompletableFuture.failedFuture(error);
        }, worker);
    }

    private CompletableFuture<KeySnapshot> fetchWith(Lease lease, Instant now) {
        synchronized (lock) {
            gate.started(now);
        }
        CompletableFuture<KeySnapshot> fetched;
        try {
            fetched = fetch.fetch(now);
        } catch (RuntimeException e) {
            fetched = CompletableFuture.failedFuture(e);
        }
        return fetched.whenCompleteAsync((s, error) -> {
            outcome(error);
            cluster.release(lease); // after the cluster's backoff is written
        }, worker);
    }

    private static void forward(CompletableFuture<KeySnapshot> from, CompletableFuture<Refreshed> to,
                                boolean conclusive) {
        from.whenComplete((s, e) -> {
            if (e == null) {
                to.complete(new Refreshed(s, conclusive));
            } else {
                to.completeExceptionally(e);
            }
        });
    }

    private void outcome(Throwable error) {
        int before;
        Instant nextAttempt;
        synchronized (lock) {
            if (error != null) {
                // the failures in a row are the cluster's: a node failing after another doubles the wait again
                gate.atLeast(cluster.lastKnownFailures());
            }
            before = gate.ended(error == null);
            nextAttempt = gate.nextAttemptAt();
        }
        if (error == null) {
            cluster.fetchSucceeded(before > 0);
            if (before > 0) {
                LOG.log(Level.INFO, "bearer-guard: keys of {0} fetched again after {1} failed attempts",
                        config.issuer(), before);
            }
            return;
        }
        cluster.fetchFailed(nextAttempt, before + 1);
        var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        var message = cause instanceof InvalidKeySetException || cause instanceof FetchException
                ? cause.getMessage() : cause.getClass().getSimpleName();
        // one WARNING when an outage starts, not one per attempt or request
        LOG.log(before == 0 ? Level.WARNING : Level.DEBUG, "bearer-guard: cannot fetch the keys of {0}: {1}"
                + " (keeping the last good keys, if any)", config.issuer(), message);
    }

    /** How long a caller should wait before asking again: this node's backoff or the cluster's, the later. */
    Duration untilNextAttempt(Instant now) {
        Duration own;
        synchronized (lock) {
            own = gate.untilNextAttempt(now);
        }
        var cluster = this.cluster.lastKnownBackoff();
        if (now.isBefore(cluster) && Duration.between(now, cluster).compareTo(own) > 0) {
            return Duration.between(now, cluster);
        }
        return own;
    }

    /** Whether this node's own backoff lets an attempt start now (no region call). */
    boolean mayAttempt(Instant now) {
        synchronized (lock) {
            return gate.mayAttempt(now);
        }
    }
}
