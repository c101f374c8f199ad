package org.bearerguard.internal.keys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.config.FetchableUrls;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Fetches one issuer's JWKS over HTTP, finding its URL by discovery when none is configured: OpenID Connect
 * Discovery first, RFC 8414 metadata second. Never follows redirects, caps every response, times out every exchange,
 * and talks plain http only to loopback hosts. Built once per issuer; the JDK client is reused.
 */
public final class JwksFetcher {

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})\"?");

    private final IssuerConfig config;
    private final HttpClient client;

    public JwksFetcher(IssuerConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.keys().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A fetched key set and how long the issuer says it stays fresh.
     *
     * @param jwks the document, or {@code null} when the issuer answered 304 Not Modified
     * @param etag the response's {@code ETag}, or {@code null}
     */
    public record Fetched(String jwks, String etag, Duration ttl) {
        public boolean notModified() {
            return jwks == null;
        }
    }

    /** The JWKS URL: configured, or discovered from the issuer's metadata. */
    public CompletableFuture<URI> jwksUri() {
        if (config.jwksUri().isPresent()) {
            return CompletableFuture.completedFuture(config.jwksUri().get());
        }
        return discovered("jwks_uri");
    }

    /**
     * A URL the issuer's metadata names under {@code member} ({@code jwks_uri}, {@code introspection_endpoint}):
     * OpenID Connect Discovery first, RFC 8414 second; the document must name this very issuer, the URL must be one
     * bearer-guard fetches from.
     */
    public CompletableFuture<URI> discovered(String member) {
        var base = config.issuer().endsWith("/")
                ? config.issuer().substring(0, config.issuer().length() - 1) : config.issuer();
        var oidc = URI.create(base + "/.well-known/openid-configuration");
        return get(oidc, null)
                .thenCompose(r -> r.statusCode() == 404 ? get(rfc8414(URI.create(base)), null) : done(r))
                .thenApply(r -> urlFrom(r, member));
    }

    /**
     * Fetches the key set at this URL; with an {@code ETag}, conditionally (RFC 9110 §13.1.2). The tag of the result
     * is the response's, if it is a valid entity-tag: new content without one has none (the old tag named the old
     * content); a 304 without one keeps the tag it confirmed.
     */
    public CompletableFuture<Fetched> fetch(URI jwksUri, String etag) {
        return get(jwksUri, etag).thenApply(r -> {
            var received = r.headers().firstValue("ETag").flatMap(EntityTag::of);
            if (etag != null && r.statusCode() == 304) {
                return new Fetched(null, received.orElse(etag), ttl(r));
            }
            ok(r, "JWKS");
            return new Fetched(new String(r.body(), StandardCharsets.UTF_8), received.orElse(null), ttl(r));
        });
    }

    /** RFC 8414 §3: the well-known segment goes between the host and the issuer's path. */
    static URI rfc8414(URI issuer) {
        var path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        return URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority()
                + "/.well-known/oauth-authorization-server" + path);
    }

    private URI urlFrom(HttpResponse<byte[]> response, String member) {
        ok(response, "discovery document");
        java.util.Map<String, Object> document;
        try {
            document = JsonUtil.parseJson(new String(response.body(), StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            throw fail("the discovery document is not a JSON object");
        }
        // OpenID Connect Discovery §4.3 / RFC 8414 §3.3: the issuer in the document must be the one asked for
        if (!config.issuer().equals(document.get("issuer"))) {
            throw fail("the discovery document names another issuer");
        }
        if (!(document.get(member) instanceof String url)) {
            throw fail("the discovery document has no " + member);
        }
        try {
            var uri = URI.create(url);
            allowed(uri);
            return uri;
        } catch (IllegalArgumentException e) {
            throw fail("the discovery document's " + member + " is not a URL");
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> get(URI uri, String etag) {
        try {
            allowed(uri);
        } catch (CompletionException e) {
            return CompletableFuture.failedFuture(e.getCause());
        }
        var request = HttpRequest.newBuilder(uri)
                .timeout(config.keys().readTimeout())
                .header("Accept", "application/json, application/jwk-set+json");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        var timeout = config.keys().readTimeout();
        var sent = client.sendAsync(request.GET().build(), CappedBody.handler(config.keys().maxResponseBytes()));
        // the request timeout covers the wait for the headers only: past the read timeout the whole exchange is
        // cancelled, which makes the JDK client close the connection (a trickling body is not read on for ever)
        CompletableFuture.delayedExecutor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> sent.cancel(true));
        return sent.exceptionally(t -> {
            var cause = unwrap(t);
            throw fail(describe(cause instanceof java.util.concurrent.CancellationException
                    ? new TimeoutException() : cause, uri));
        });
    }

    private static void allowed(URI uri) {
        if (!FetchableUrls.allows(uri)) {
            throw fail("refusing to fetch " + uri.getScheme() + "://" + uri.getHost()
                    + ": only https, or http to a loopback host");
        }
    }

    private static void ok(HttpResponse<byte[]> response, String what) {
        if (response.statusCode() != 200) {
            throw fail("the " + what + " request answered HTTP " + response.statusCode());
        }
    }

    /** Cache-Control max-age, else Expires, else the default; always within the configured bounds. */
    Duration ttl(HttpResponse<?> response) {
        var settings = config.keys();
        Duration ttl = settings.defaultTtl();
        var cacheControl = response.headers().firstValue("Cache-Control").orElse("").toLowerCase(Locale.ROOT);
        var maxAge = MAX_AGE.matcher(cacheControl);
        if (cacheControl.contains("no-cache") || cacheControl.contains("no-store")) {
            ttl = settings.minTtl();
        } else if (maxAge.find()) {
            ttl = Duration.ofSeconds(Long.parseLong(maxAge.group(1)));
        } else {
            var expires = response.headers().firstValue("Expires");
            if (expires.isPresent()) {
                ttl = untilExpires(expires.get(), response.headers().firstValue("Date")).orElse(ttl);
            }
        }
        if (ttl.compareTo(settings.minTtl()) < 0) {
            return settings.minTtl();
        }
        return ttl.compareTo(settings.maxTtl()) > 0 ? settings.maxTtl() : ttl;
    }

    private static java.util.Optional<Duration> untilExpires(String expires, java.util.Optional<String> date) {
        try {
            var end = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME);
            var start = date.isPresent() ? ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    : ZonedDateTime.now();
            return java.util.Optional.of(Duration.between(start, end));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t, URI uri) {
        if (t instanceof FetchException) {
            return t.getMessage();
        }
        var target = loggable(uri);
        if (t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
            return "no complete answer from " + target + " in time";
        }
        if (t instanceof java.net.ConnectException) {
            return "cannot connect to " + target;
        }
        return "request to " + target + " failed (" + t.getClass().getSimpleName() + ")";
    }

    /**
     * {@code scheme://host[:port]/path} of a URL: never its user info (a configured URL may carry a password, RFC 3986
     * §3.2.1), nor its query or fragment.
     */
    public static String loggable(URI uri) {
        var port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        var path = uri.getRawPath() == null ? "" : uri.getRawPath();
        var text = uri.getScheme() + "://" + uri.getHost() + port + path;
        // the path comes from the issuer's discovery document: printable ASCII only, and short
        var safe = new StringBuilder(Math.min(text.length(), MAX_LOGGED_URL + 3));
        for (int i = 0; i < text.length() && i < MAX_LOGGED_URL; i++) {
            char c = text.charAt(i);
            safe.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text.length() > MAX_LOGGED_URL ? safe.append("...").toString() : safe.toString();
    }

    /** Longest URL written to a log line. */
    private static final int MAX_LOGGED_URL = 200;

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static CompletionException fail(String message) {
        return new CompletionException(new FetchException(message));
    }
}
