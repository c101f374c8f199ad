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

    /** How the JWKS endpoint misbehaves (discovery answers 503 for every failure but garbage). */
    public enum Failure { NONE, UNAVAILABLE_503, ERROR_500, GARBAGE, EMPTY_KEY_SET }

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

    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryRequests.incrementAndGet();
        var f = failure == Failure.GARBAGE || failure == Failure.EMPTY_KEY_SET ? Failure.NONE : failure;
        respond(exchange, f, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri() + "\"}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
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
        var jwks = switch (failure) {
            case GARBAGE -> "<html>not json</html>";
            case EMPTY_KEY_SET -> "{\"keys\":[]}";
            default -> TestKeys.jwks(keys);
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
