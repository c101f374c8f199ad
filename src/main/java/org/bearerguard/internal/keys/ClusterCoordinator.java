package org.bearerguard.internal.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.region.Backoff;
import org.bearerguard.internal.region.IssuerRegion;
import org.bearerguard.internal.region.Lease;

/**
 * This node's part in the cluster protocol for one issuer, over the shared region: adopting key sets other nodes
 * fetched, the fetch lease (one node fetches, the others wait for its key set), the cluster-wide unknown-{@code kid}
 * allowance, and the cluster's backoff after a failed fetch.
 *
 * <p>Threads: only the key workers ("bearer-guard-keys") and upkeep call this, never a request thread and never
 * under {@link Refresher}'s lock: every method may block as long as the region takes (each region operation is
 * bounded by the provider's own timeout). The last backoff read is kept in a volatile field so that requests can
 * say {@code Retry-After} without asking the region.
 */
final class ClusterCoordinator {

    /** How often a node waiting for another's fetch looks at the region. */
    static final long REGION_POLL_MILLIS = 50;

    private final IssuerConfig.KeySettings settings;
    private final IssuerRegion region;
    private final CurrentKeys keys;
    private final ScheduledExecutorService worker;
    private final Duration leaseTime;
    /** This node's name on a lease. */
    private final String holder = UUID.randomUUID().toString();
    /** Who will check the keys' signatures: a key set from the region is made for them as it is adopted. */
    private final org.bearerguard.internal.crypto.Signatures signatures;
    /** The cluster's backoff as last read or written; no backoff: until MIN, no failures. */
    private volatile Backoff lastBackoff = NO_BACKOFF;
    private volatile boolean closed;

    private static final Backoff NO_BACKOFF = new Backoff(Instant.MIN, 0);

    ClusterCoordinator(IssuerConfig config, IssuerRegion region, CurrentKeys keys, ScheduledExecutorService worker) {
        this.settings = config.keys();
        this.signatures = config.signatures();
        this.region = region;
        this.keys = keys;
        this.worker = worker;
        this.leaseTime = settings.leaseTime();
    }

    /**
     * A key set in the region that is newer than {@code than}, adopted as the current one; null when there is none.
     * Only a fresh one: a node with no keys (restarted, or the whole cluster) must not start from a stale set, which
     * may be a sealed copy someone kept of keys the issuer has since dropped; it fetches instead, and falls back on a
     * stale one only when its own fetch fails ({@link #adoptStale}).
     */
    KeySnapshot adoptNewer(KeySnapshot than, Instant now) {
        var cached = region.keySet(); // authenticated and within bounds, or empty
        if (cached.isEmpty() || (than != null && (cached.get().generation() <= than.generation()
                || cached.get().fetchedAt().isBefore(than.fetchedAt())))) {
            return null;
        }
        var c = cached.get();
        var inPlace = keys.get();
        if (inPlace != null && inPlace != than && inPlace.generation() >= c.generation()) {
            return inPlace; // another path of this node (upkeep, another flight) took it, or a newer one, meanwhile
        }
        if (!now.isBefore(c.expiresAt())) {
            return null;
        }
        return offer(c, than);
    }

    /**
     * For a node with no keys in an outage: the region's key set even if stale, within {@code max-staleness}, as any
     * key set serves through an outage; null when there is none, or keys came meanwhile. Proof of the outage is this
     * node's own failed fetch ({@code minGeneration} 0), or the cluster's backoff, whose node held generation
     * {@code minGeneration}: then only a set at least that new (an older sealed one put back is not the cluster's).
     */
    KeySnapshot adoptStale(Instant now, long minGeneration) {
        var cached = region.keySet();
        if (cached.isEmpty() || keys.get() != null || cached.get().generation() < minGeneration
                || !now.isBefore(cached.get().expiresAt().plus(settings.maxStaleness()))) {
            return null;
        }
        return offer(cached.get(), null);
    }

    /** The generation the node that set the cluster's backoff (as last read) held; 0 when there is none. */
    long lastKnownBackoffGeneration() {
        return lastBackoff.generation();
    }

    private KeySnapshot offer(org.bearerguard.internal.region.CachedJwks c, KeySnapshot than) {
        try {
            var candidate = KeySnapshot.parse(c.jwks(), null, c.fetchedAt(), c.expiresAt(), signatures)
                    .withGeneration(c.generation());
            var after = keys.offer(candidate, false);
            return after == candidate || (after != than && after.generation() >= c.generation()) ? after : null;
        } catch (InvalidKeySetException e) {
            return null;
        }
    }

    /** The fetch lease, timed from now (the region's view takes the time when it takes the lease). */
    Optional<Lease> tryLease() {
        return region.tryLease(holder);
    }

    void release(Lease lease) {
        region.release(lease);
    }

    /** The cluster's unknown-{@code kid} allowance: true, and spent, when no node used it within the interval. */
    boolean takeUnknownKidAllowance() {
        return region.takeUnknownKidAllowance();
    }

    /** Whether the cluster's backoff (a failed fetch on any node) is over; remembers what it read. */
    boolean backoffOver(Instant now) {
        var held = keys.get();
        var backoff = region.backoff(held == null ? 0 : held.generation()).orElse(NO_BACKOFF);
        lastBackoff = backoff;
        return !now.isBefore(backoff.until());
    }

    /** The cluster's backoff as last read, for {@code Retry-After}: no region call. */
    Instant lastKnownBackoff() {
        return lastBackoff.until();
    }

    /** The cluster's failures in a row as last read: a node failing next continues the count. */
    int lastKnownFailures() {
        return lastBackoff.failures();
    }

    /**
     * A fetch failed: the whole cluster waits until {@code until}, after {@code failures} in a row. Written before
     * the lease is let go, with the generation of the key set this node holds.
     */
    void fetchFailed(Instant until, int failures) {
        var held = keys.get();
        var backoff = new Backoff(until, failures, held == null ? 0 : held.generation());
        lastBackoff = backoff;
        region.backoff(backoff);
    }

    void fetchSucceeded(boolean wasBackingOff) {
        var before = lastBackoff;
        lastBackoff = NO_BACKOFF;
        if (wasBackingOff || before.failures() > 0) {
            region.clearBackoff();
        }
    }

    /** Puts this node's key set in the region with the next generation; returns the generation written. */
    long publish(KeySnapshot installed, long after) {
        return region.publish(installed.jwks(), installed.fetchedAt(), installed.expiresAt(), after).generation();
    }

    /**
     * Waits for the lease holder's key set: a newer one in the region, or the lease gone (then {@code takeOver}
     * runs with the lease this node took). Always completes: with keys, with the take-over's outcome, or at the
     * deadline (twice the lease time) exceptionally, or, for a node with no fresh keys, with its own fetch; on
     * undeploy, or when a look fails, exceptionally.
     */
    CompletableFuture<KeySnapshot> waitForHolder(KeySnapshot previous, java.time.Clock clock,
                                                 Function<Lease, CompletableFuture<KeySnapshot>> takeOver) {
        var result = new CompletableFuture<KeySnapshot>();
        poll(previous, clock, System.nanoTime() + leaseTime.multipliedBy(2).toNanos(), takeOver, result);
        return result;
    }

    private void poll(KeySnapshot previous, java.time.Clock clock, long deadlineNanos,
                      Function<Lease, CompletableFuture<KeySnapshot>> takeOver, CompletableFuture<KeySnapshot> result) {
        try {
            worker.schedule(() -> {
                try {
                    pollOnce(previous, clock, deadlineNanos, takeOver, result);
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }, REGION_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            result.completeExceptionally(stopped);
        }
    }

    private void pollOnce(KeySnapshot previous, java.time.Clock clock, long deadlineNanos,
                          Function<Lease, CompletableFuture<KeySnapshot>> takeOver, CompletableFuture<KeySnapshot> result) {
        if (closed) {
            result.completeExceptionally(new FetchException("the application stopped"));
            return;
        }
        var now = clock.instant();
        var newer = adoptNewer(previous, now);
        if (newer != null) {
            result.complete(newer);
            return;
        }
        if (!region.leased()) {
            if (!backoffOver(now)) {
                // the holder failed: the whole cluster waits out the backoff it set (a node with no keys serves the
                // cluster's stale ones meanwhile, if the region has them)
                var stale = adoptStale(now, lastKnownBackoffGeneration());
                if (stale != null) {
                    result.complete(stale);
                } else {
                    result.completeExceptionally(new FetchException("the issuer failed; the cluster waits"));
                }
                return;
            }
            // the holder finished without a new key set (it failed) or ran out of time (it died): take over
            var lease = tryLease();
            if (lease.isPresent()) {
                var lastMoment = adoptNewer(previous, now);
                if (lastMoment != null) {
                    release(lease.get());
                    result.complete(lastMoment);
                    return;
                }
                takeOver.apply(lease.get()).whenComplete((s, e) -> {
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
            if (previous == null || !previous.isFresh(now)) {
                // twice the lease time and still "held": no real holder takes that long (its lease ends with its
                // fetch's deadline), so the lease is a copy someone put back. A node with no keys or stale ones
                // fetches itself, under a lease of its own that the region never sees
                takeOver.apply(new Lease(holder, now.plus(leaseTime))).whenComplete((s, e) -> {
                    if (e == null) {
                        result.complete(s);
                    } else {
                        result.completeExceptionally(e);
                    }
                });
                return;
            }
            result.completeExceptionally(new FetchException("no key set from the node fetching them"));
            return;
        }
        poll(previous, clock, deadlineNanos, takeOver, result);
    }

    /** On undeploy: stops waiting for other nodes. */
    void close() {
        closed = true;
    }
}
