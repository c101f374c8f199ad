package org.bearerguard.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;

/**
 * The HTTP side of a {@link TestIssuer}: the JDK's server on 127.0.0.1 and an ephemeral port, serving OIDC discovery at
 * {@code {issuer}/.well-known/openid-configuration}, RFC 8414 metadata at
 * {@code /.well-known/oauth-authorization-server{path}} and the JWKS at {@code {issuer}/jwks}. Each answer is built
 * from what the issuer publishes when the request arrives (the supplier reads one volatile reference); counters are
 * atomic, so tests may read them from any thread.
 */
final class IssuerEndpoints implements AutoCloseable {

    private static final String PATH = "/realm";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuer;
    private final Supplier<List<SigningKey>> published;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private volatile boolean down;

    IssuerEndpoints(Supplier<List<SigningKey>> published) {
        this.published = published;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a port on 127.0.0.1 for the test issuer", e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "bearer-guard-test-issuer");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
        server.createContext(PATH + "/.well-known/openid-configuration", this::metadata);
        server.createContext("/.well-known/oauth-authorization-server" + PATH, this::metadata);
        server.createContext(PATH + "/jwks", this::jwks);
        server.start();
    }

    String issuer() {
        return issuer;
    }

    String jwksUri() {
        return issuer + "/jwks";
    }

    void down(boolean isDown) {
        down = isDown;
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    int metadataRequests() {
        return metadataRequests.get();
    }

    private void metadata(HttpExchange exchange) throws IOException {
        metadataRequests.incrementAndGet();
        respond(exchange, JsonUtil.toJson(Map.of("issuer", issuer, "jwks_uri", jwksUri(),
                "id_token_signing_alg_values_supported", algorithms())));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        var keys = new ArrayList<Map<String, Object>>();
        published.get().forEach(key -> keys.add(key.publicJwk()));
        respond(exchange, JsonUtil.toJson(Map.of("keys", keys)));
    }

    private List<String> algorithms() {
        return published.get().stream().map(SigningKey::algorithm).distinct().toList();
    }

    private void respond(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (down || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(down ? 503 : 405, -1);
                return;
            }
            var body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
