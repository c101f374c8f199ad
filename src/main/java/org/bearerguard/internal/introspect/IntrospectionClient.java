package org.bearerguard.internal.introspect;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bearerguard.internal.config.FetchableUrls;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.keys.CappedBody;
import org.bearerguard.internal.keys.JwksFetcher;

/**
 * POSTs a token to the issuer's introspection endpoint (RFC 7662 §2.1) with the configured client authentication
 * and returns the body of a {@code 200 application/json} answer. Never follows redirects; caps the body at the
 * issuer's {@code max-response-bytes}; the whole exchange ends within connect + read timeout. The endpoint is the
 * configured one or the discovery document's {@code introspection_endpoint}, looked up once (after a failure, again
 * at most every {@code retry-interval}). Messages are safe to log: never the token, the secret or a URL's query.
 */
final class IntrospectionClient {

    /** The answer could not be had or is not one; the message names why, safely. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean outage;

        Failure(String message) {
            this(message, true);
        }

        /** @param outage whether the authorization server is at fault (not this thread, interrupted) */
        Failure(String message, boolean outage) {
            super(message, null, false, false);
            this.outage = outage;
        }

        boolean outage() {
            return outage;
        }
    }

    private final IssuerConfig issuer;
    private final IssuerConfig.Introspection settings;
    private final HttpClient client;
    private final JwksFetcher discovery;
    private volatile URI endpoint;
    private volatile Instant discoveryFailedAt;
    private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<URI>> discovering =
            new java.util.concurrent.atomic.AtomicReference<>();

    IntrospectionClient(IssuerConfig issuer) {
        this.issuer = issuer;
        this.settings = issuer.introspection().orElseThrow();
        this.client = HttpClient.newBuilder()
                .connectTimeout(issuer.keys().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.discovery = new JwksFetcher(issuer);
        this.endpoint = settings.endpoint().orElse(null);
    }

    /** The longest {@link #introspect} takes: connect and read, twice when the endpoint is still to be discovered. */
    Duration deadline() {
        var once = issuer.keys().connectTimeout().plus(issuer.keys().readTimeout());
        return endpoint == null ? once.multipliedBy(2) : once;
    }

    byte[] introspect(String token) throws Failure {
        var target = endpoint();
        if (!FetchableUrls.allows(target)) {
            throw new Failure("refusing to POST to " + JwksFetcher.loggable(target) + ": only https, or http to a"
                    + " loopback host");
        }
        var form = new StringBuilder("token=").append(encode(token)).append("&token_type_hint=access_token");
        var request = HttpRequest.newBuilder(target)
                .timeout(issuer.keys().readTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (settings.clientAuth() == IssuerConfig.ClientAuth.CLIENT_SECRET_BASIC) {
            // RFC 6749 §2.3.1: the id and secret form-encoded, then Basic (RFC 7617)
            var credentials = encode(settings.clientId()) + ":" + encode(settings.clientSecret());
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=").append(encode(settings.clientId()))
                    .append("&client_secret=").append(encode(settings.clientSecret()));
        }
        var response = await(client.sendAsync(
                request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                CappedBody.handler(issuer.keys().maxResponseBytes())), target);
        if (response.statusCode() != 200) {
            throw new Failure("the introspection endpoint " + JwksFetcher.loggable(target) + " answered HTTP "
                    + response.statusCode() + (response.statusCode() == 401 || response.statusCode() == 403
                    ? " (are bearer.introspection.client-id and client-secret right?)" : ""));
        }
        var type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new Failure("the introspection endpoint " + JwksFetcher.loggable(target)
                    + " answered a body that is not application/json");
        }
        return response.body();
    }

    private URI endpoint() throws Failure {
        var known = endpoint;
        if (known != null) {
            return known;
        }
        var failedAt = discoveryFailedAt;
        if (failedAt != null && Instant.now().isBefore(failedAt.plus(issuer.keys().retryInterval()))) {
            throw new Failure("the introspection endpoint of " + issuer.issuer() + " is not known yet (discovery"
                    + " failed less than bearer.jwks.retry-interval ago)");
        }
        // one discovery at a time: requests that need it meanwhile wait for the same answer
        var lookup = discovering.get();
        if (lookup == null || lookup.isDone()) {
            var mine = new CompletableFuture<URI>();
            if (discovering.compareAndSet(lookup, mine)) {
                discovery.discovered("introspection_endpoint").whenComplete((uri, failure) -> {
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                    } else {
                        mine.complete(uri);
                    }
                });
                lookup = mine;
            } else {
                lookup = discovering.get();
            }
        }
        try {
            // OIDC discovery, then the RFC 8414 location after a 404: two exchanges at most
            var found = lookup.get(issuer.keys().connectTimeout().plus(issuer.keys().readTimeout()).multipliedBy(2)
                    .toMillis() + 1000, TimeUnit.MILLISECONDS);
            endpoint = found;
            return found;
        } catch (ExecutionException | TimeoutException e) {
            discoveryFailedAt = Instant.now();
            var cause = e.getCause() == null ? e : e.getCause();
            throw new Failure("cannot discover the introspection endpoint of " + issuer.issuer() + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while discovering the introspection endpoint", false);
        }
    }

    /**
     * The response within connect + read timeout: past it the exchange is cancelled, which makes the JDK client
     * close the connection (a trickling body is not read on for ever).
     */
    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> sent, URI target) throws Failure {
        var limit = issuer.keys().connectTimeout().plus(issuer.keys().readTimeout());
        try {
            return sent.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new Failure("no complete answer from " + JwksFetcher.loggable(target) + " in time");
        } catch (ExecutionException | CancellationException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            throw new Failure(cause instanceof java.net.ConnectException
                    ? "cannot connect to " + JwksFetcher.loggable(target)
                    : cause instanceof org.bearerguard.internal.keys.FetchException
                    ? "the answer of " + JwksFetcher.loggable(target) + ": " + cause.getMessage()
                    : "request to " + JwksFetcher.loggable(target) + " failed (" + cause.getClass().getSimpleName()
                    + ")");
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while waiting for " + JwksFetcher.loggable(target), false);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
