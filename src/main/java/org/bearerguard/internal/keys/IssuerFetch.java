package org.bearerguard.internal.keys;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.observe.Recorder;

/**
 * One fetch of an issuer's key set from the issuer itself, and its installation: in this process
 * ({@link CurrentKeys}) and in the region for the other nodes.
 *
 * <p>ETags are this node's own: a request is conditional ({@code If-None-Match}) only while the key set in use
 * is the one this node received with that ETag, never for content adopted from the region; a 200 without ETag
 * and any failed attempt forget it, so the next request is unconditional.
 *
 * <p>Threads: started by {@link Refresher} (on the key worker), completed on the HTTP client's threads. The
 * discovered JWKS URL and the own ETag are volatile: a stale read costs one discovery or one full response.
 */
final class IssuerFetch {

    private static final System.Logger LOG = System.getLogger(IssuerFetch.class.getName());

    /** What this node last received with an ETag: the ETag and the key set it installed from that response. */
    private record OwnEtag(String etag, KeySnapshot installed) {
    }

    private final IssuerConfig config;
    private final JwksFetcher fetcher;
    private final ClusterCoordinator cluster;
    private final CurrentKeys keys;
    private final Recorder recorder;
    private final boolean timed;
    private volatile URI discoveredJwksUri;
    private volatile OwnEtag ownEtag;

    IssuerFetch(IssuerConfig config, JwksFetcher fetcher, ClusterCoordinator cluster, CurrentKeys keys,
                Recorder recorder) {
        this.config = config;
        this.fetcher = fetcher;
        this.cluster = cluster;
        this.keys = keys;
        this.recorder = recorder;
        this.timed = recorder.timed();
    }

    /**
     * Fetches now; the result is the key set in place afterwards (ours, or a newer one that arrived meanwhile). Told
     * to the recorder once: success or not modified once installed (an overtaken fetch too), else failure.
     */
    CompletableFuture<KeySnapshot> fetch(Instant startedAt) {
        long start = timed ? System.nanoTime() : 0;
        var previous = keys.get();
        var own = ownEtag;
        var etag = own != null && own.installed() == previous ? own.etag() : null;
        var uri = config.jwksUri().orElse(discoveredJwksUri);
        var jwksUri = uri != null ? CompletableFuture.completedFuture(uri) : fetcher.jwksUri();
        return jwksUri
                .thenCompose(u -> {
                    discoveredJwksUri = u;
                    return fetcher.fetch(u, etag);
                })
                .thenApply(fetched -> {
                    var installed = install(fetched, previous, startedAt);
                    recorder.fetched(config.name(), fetched.notModified() ? Recorder.Fetch.NOT_MODIFIED
                            : Recorder.Fetch.SUCCESS, elapsed(start));
                    return installed;
                })
                .whenComplete((installed, error) -> {
                    if (error != null) {
                        ownEtag = null; // the next attempt is unconditional
                        discoveredJwksUri = null; // and discovers again: the issuer may have moved its keys
                        recorder.fetched(config.name(), Recorder.Fetch.FAILURE, elapsed(start));
                    }
                });
    }

    private long elapsed(long start) {
        return timed ? System.nanoTime() - start : 0;
    }

    /**
     * A fetched key set, dated when the fetch started. Installed unless another node's key set was adopted while it
     * ran (then this fetch was overtaken: a lease that ran out; the newer set stays, and nothing is published); then
     * put in the region with the next generation.
     */
    private KeySnapshot install(JwksFetcher.Fetched fetched, KeySnapshot previous, Instant startedAt) {
        var fetchedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
        var expiresAt = fetchedAt.plus(fetched.ttl());
        if (keys.get() != previous) {
            return keys.get(); // overtaken; and "not modified" spoke of the set we asked about, not this one
        }
        try {
            var base = previous == null ? 0 : previous.generation();
            var installed = (fetched.notModified()
                    ? previous.renewed(fetchedAt, expiresAt)
                    : KeySnapshot.parse(fetched.jwks(), fetched.etag(), fetchedAt, expiresAt,
                            config.signatures())).withGeneration(base);
            keys.offer(installed, true);
            rememberEtag(fetched, installed);
            if (!installed.ignored().isEmpty() && (previous == null || !installed.jwks().equals(previous.jwks()))) {
                LOG.log(Level.INFO, "bearer-guard: keys of {0}: using {1}, ignoring {2}: {3}", config.issuer(),
                        installed.size(), installed.ignoredCount(), String.join("; ", installed.ignored()));
            }
            var published = installed.withGeneration(cluster.publish(installed, base));
            // the same keys, now with their place in the cluster's order (unless a newer set came meanwhile)
            if (keys.get() == installed && keys.offer(published, true) == published) {
                rememberEtag(fetched, published);
                return published;
            }
            return keys.get();
        } catch (InvalidKeySetException e) {
            throw new CompletionException(e);
        }
    }

    /** The tag that came with what this node installed, or none (new content without a tag has none). */
    private void rememberEtag(JwksFetcher.Fetched fetched, KeySnapshot installed) {
        ownEtag = fetched.etag() == null ? null : new OwnEtag(fetched.etag(), installed);
    }
}
