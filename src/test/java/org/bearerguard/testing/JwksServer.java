package org.bearerguard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A real authorization server's key endpoints on 127.0.0.1: OIDC discovery at
 * {@code {issuer}/.well-known/openid-configuration} and the JWKS at {@code {issuer}/jwks}. Keys can be rotated,
 * the server taken down (HTTP 503), and fetches counted.
 */
public final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final String issuer;
    private final List<PublicJsonWebKey> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger completedJwks = new AtomicInteger();
    private volatile Failure failure = Failure.NONE;
    private volatile String cacheControl;
    private volatile long delayMillis;
    private volatile boolean etags;

    /**
     * How the server misbehaves. Discovery answers 503 for the two status failures and misbehaves itself only for
     * {@code ISSUER_MISMATCH}; the JWKS endpoint for every other one.
     */
    public enum Failure {
        NONE, UNAVAILABLE_503, ERROR_500, GARBAGE, EMPTY_KEY_SET, WRONG_SHAPE, HUGE, TRICKLE, REDIRECT,
        ISSUER_MISMATCH
    }

    private volatile String rawJwks;
    /** What discovery names as {@code jwks_uri}; null: this server's own. */
    private volatile String advertisedJwksUri;
    /** What discovery names as {@code introspection_endpoint}; null: none. */
    private volatile String introspectionEndpoint;

    private JwksServer(String path) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "jwks-server");
            t.setDaemon(true);
            return t;
        }));
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        server.createContext(path + "/.well-known/openid-configuration", this::discovery);
        server.createContext(path + "/jwks", this::jwks);
        server.start();
    }

    /** Starts a server whose issuer is {@code http://127.0.0.1:<port>/realm}, publishing these keys. */
    public static JwksServer start(PublicJsonWebKey... keys) {
        try {
            var s = new JwksServer("/realm");
            s.publish(keys);
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUri() {
        return issuer + "/jwks";
    }

    public JwksServer publish(PublicJsonWebKey... published) {
        keys.clear();
        keys.addAll(List.of(published));
        rawJwks = null;
        return this;
    }

    /** Serves this exact JWKS document (any keys, any shape) until the next {@link #publish}. */
    public JwksServer publishRaw(String jwks) {
        rawJwks = jwks;
        return this;
    }

    public JwksServer down(boolean isDown) {
        return fail(isDown ? Failure.UNAVAILABLE_503 : Failure.NONE);
    }

    public JwksServer fail(Failure how) {
        failure = how;
        return this;
    }

    /** Send an ETag and answer a matching If-None-Match with 304. */
    public JwksServer etags(boolean on) {
        etags = on;
        return this;
    }

    /** JWKS responses fully sent (a slow one counts only once its delay is over). */
    public int completedJwksResponses() {
        return completedJwks.get();
    }

    public int notModifiedResponses() {
        return notModified.get();
    }

    public JwksServer cacheControl(String value) {
        cacheControl = value;
        return this;
    }

    public JwksServer delay(long millis) {
        delayMillis = millis;
        return this;
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** Discovery names this URL as {@code jwks_uri} from now on. */
    public JwksServer advertiseJwksUri(String uri) {
        advertisedJwksUri = uri;
        return this;
    }

    /** Discovery names this URL as {@code introspection_endpoint} from now on. */
    public JwksServer advertiseIntrospectionEndpoint(String uri) {
        introspectionEndpoint = uri;
        return this;
    }

    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryRequests.incrementAndGet();
        var f = failure == Failure.UNAVAILABLE_503 || failure == Failure.ERROR_500 ? failure : Failure.NONE;
        var named = failure == Failure.ISSUER_MISMATCH ? "https://evil.example" : issuer;
        var advertised = advertisedJwksUri != null ? advertisedJwksUri : jwksUri();
        var introspection = introspectionEndpoint == null ? ""
                : ",\"introspection_endpoint\":\"" + introspectionEndpoint + "\"";
        respond(exchange, f, "{\"issuer\":\"" + named + "\",\"jwks_uri\":\"" + advertised + "\"" + introspection
                + "}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        // what is published when the request arrives is what it gets, however long the answer then takes
        var published = rawJwks != null ? rawJwks : TestKeys.jwks(keys);
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cacheControl != null) {
            exchange.getResponseHeaders().add("Cache-Control", cacheControl);
        }
        switch (failure) {
            case HUGE -> {
                respond(exchange, Failure.NONE, "{\"keys\":[],\"pad\":\"" + "a".repeat(1 << 20) + "\"}");
                return;
            }
            case TRICKLE -> {
                trickle(exchange);
                return;
            }
            case REDIRECT -> {
                try (exchange) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere/jwks");
                    exchange.sendResponseHeaders(302, -1);
                }
                return;
            }
            default -> {
            }
        }
        var jwks = switch (failure) {
            case GARBAGE -> "<html>not json</html>";
            case EMPTY_KEY_SET -> "{\"keys\":[]}";
            case WRONG_SHAPE -> "{\"keys\":{\"kid\":\"rsa-1\"}}";
            default -> published;
        };
        if (etags && failure == Failure.NONE) {
            var etag = "\"" + Integer.toHexString(jwks.hashCode()) + "\"";
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                try (exchange) {
                    exchange.sendResponseHeaders(304, -1);
                }
                return;
            }
        }
        respond(exchange, failure, jwks);
        completedJwks.incrementAndGet();
    }

    /** Headers at once, then one byte every 100 ms for 10 s: never a complete answer within any sane timeout. */
    private void trickle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(200, 0);
            var body = exchange.getResponseBody();
            for (int i = 0; i < 100; i++) {
                body.write('{');
                body.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            abandoned.countDown(); // the client gave up and closed the connection: what we wanted
        }
    }

    private final java.util.concurrent.CountDownLatch abandoned = new java.util.concurrent.CountDownLatch(1);

    /** Whether a client closed a trickling response before its end, within this wait. */
    public boolean awaitAbandoned(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        return abandoned.await(timeout, unit);
    }

    private void respond(HttpExchange exchange, Failure f, String json) throws IOException {
        try (exchange) {
            if (f == Failure.UNAVAILABLE_503 || f == Failure.ERROR_500) {
                exchange.sendResponseHeaders(f == Failure.ERROR_500 ? 500 : 503, -1);
                return;
            }
            var body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
