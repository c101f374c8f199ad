package org.bearerguard.testing;

import java.time.Clock;
import java.util.List;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.internal.filter.BearerAuthenticator;
import org.bearerguard.internal.keys.KeySources;
import org.bearerguard.internal.observe.Recorder;
import org.bearerguard.internal.region.JwksRegion;
import org.bearerguard.internal.sender.RequestFacts;

/**
 * The real request pipeline (extract → verify → authorize → render) wired without a server, over a real Ehcache
 * region of its own. Closes the region when done.
 */
public final class Pipeline implements AutoCloseable {

    private final KeySources keys;
    private final BearerConfig config;
    private final BearerAuthenticator authenticator;

    private final boolean ownsRegion;
    private final JwksRegion region;

    public Pipeline(BearerConfig config, Clock clock) {
        this(config, clock, JwksRegion.open(config.cache()), true, Recorder.NONE);
    }

    /** Telling {@code recorder} what it does, as a metrics bean is told where the application has a metrics API. */
    public Pipeline(BearerConfig config, Clock clock, Recorder recorder) {
        this(config, clock, JwksRegion.open(config.cache()), true, recorder);
    }

    /** Over a region someone else opened and closes (a cluster node's, in {@link ClusterNodes}). */
    public Pipeline(BearerConfig config, Clock clock, JwksRegion region) {
        this(config, clock, region, false, Recorder.NONE);
    }

    private Pipeline(BearerConfig config, Clock clock, JwksRegion region, boolean ownsRegion, Recorder recorder) {
        this.config = config;
        this.keys = new KeySources(config, region, clock, recorder);
        this.authenticator = new BearerAuthenticator(config, keys, clock);
        this.ownsRegion = ownsRegion;
        this.region = region;
    }

    public Pipeline(BearerConfig config) {
        this(config, Clock.systemUTC());
    }

    /** The pipeline itself, as the filter gets it from CDI. */
    public BearerAuthenticator authenticator() {
        return authenticator;
    }

    /** The configuration it was built from. */
    public BearerConfig config() {
        return config;
    }

    public KeySources keys() {
        return keys;
    }

    public long fullVerifications() {
        return authenticator.fullVerifications();
    }

    public int cachedTokens() {
        return authenticator.cachedTokens();
    }

    /** Waits (bounded) until background key fetches have landed: they run on the HTTP client's threads. */
    public void awaitIdle() {
        for (int i = 0; i < 300 && !idle(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** No key fetch of any issuer is under way. */
    public boolean idle() {
        return config.issuers().stream().noneMatch(i -> keys.forIssuer(i.issuer()).orElseThrow().refreshing());
    }

    public BearerPrincipal authenticate(String token) throws BearerException {
        return authenticator.authenticate(List.of("Bearer " + token), Requirement.NONE);
    }

    public BearerPrincipal authenticate(String token, Requirement requirement) throws BearerException {
        return authenticator.authenticate(List.of("Bearer " + token), requirement);
    }

    /** What a client would see for this Authorization header list: the rendered refusal, or 200. */
    public ErrorResponse respond(List<String> authorization, Requirement requirement) {
        return respond(RequestFacts.bearer(authorization), requirement);
    }

    /** What a client would see for this request: the rendered refusal, or 200. */
    public ErrorResponse respond(RequestFacts request, Requirement requirement) {
        try {
            authenticator.authenticate(request, requirement);
            return new ErrorResponse(200, java.util.Map.of(), java.util.Optional.empty());
        } catch (BearerException e) {
            return authenticator.render(e);
        }
    }

    /**
     * What a client would see for this request to a protected resource ({@code bearer.resource}): the rendered
     * refusal with what a discovering client needs, or 200.
     */
    public ErrorResponse respond(RequestFacts request, Requirement requirement, String pathBelowContextRoot) {
        var resource = authenticator.resources().forPath(pathBelowContextRoot);
        try {
            authenticator.authenticate(request, requirement, resource);
            return new ErrorResponse(200, java.util.Map.of(), java.util.Optional.empty());
        } catch (BearerException e) {
            return authenticator.render(e, BearerAuthenticator.discovery(requirement, resource));
        }
    }

    public ErrorResponse respond(String token) {
        return respond(List.of("Bearer " + token), Requirement.NONE);
    }

    @Override
    public void close() {
        keys.close();
        if (ownsRegion) {
            region.close();
        }
    }
}
