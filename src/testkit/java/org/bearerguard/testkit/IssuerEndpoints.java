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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;

/**
 * The HTTP side of a {@link TestIssuer}: the JDK's server on 127.0.0.1 and an ephemeral port, its issuer a random
 * path there, serving OIDC discovery at {@code {issuer}/.well-known/openid-configuration}, RFC 8414 metadata at
 * {@code /.well-known/oauth-authorization-server{path}} and the JWKS at {@code {issuer}/jwks}, those exact paths only.
 * Each answer is built from what the issuer publishes when the request arrives (the supplier reads one volatile
 * reference); counters are atomic, so tests may read them from any thread.
 */
final class IssuerEndpoints implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuer;
    private final Supplier<List<SigningKey>> published;
    private final List<String> metadataPaths;
    private final String jwksPath;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private volatile boolean down;

    IssuerEndpoints(Supplier<List<SigningKey>> published) {
        this.published = published;
        try {
            // 127.0.0.1 itself, whatever the JVM prefers (the loopback address is ::1 with preferIPv6Addresses)
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
                    0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a port on 127.0.0.1 for the test issuer", e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "bearer-guard-test-issuer");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        // a path of its own: an issuer on a port an earlier one used is another issuer to every cache
        var path = "/realm-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        metadataPaths = List.of(path + "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server" + path);
        jwksPath = path + "/jwks";
        server.createContext("/", this::route);
        startAsDaemon(server);
    }

    /**
     * The server's dispatcher thread inherits the daemon flag of the thread that starts it: started from a daemon
     * thread, an issuer a test forgot to close does not keep the JVM alive.
     */
    private static void startAsDaemon(HttpServer server) {
        var starter = new Thread(server::start, "bearer-guard-test-issuer-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test issuer", e);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        var path = exchange.getRequestURI().getRawPath();
        if (metadataPaths.contains(path)) {
            metadata(exchange);
        } else if (path.equals(jwksPath)) {
            jwks(exchange);
        } else {
            try (exchange) {
                exchange.sendResponseHeaders(404, -1);
            }
        }
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
        respond(exchange, JsonUtil.toJson(metadata()));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        var keys = new ArrayList<Map<String, Object>>();
        published.get().forEach(key -> keys.add(key.publicJwk()));
        respond(exchange, JsonUtil.toJson(Map.of("keys", keys)));
    }

    /** What RFC 8414 §2 and OIDC Discovery §3 require; the authorization endpoint is named, not served. */
    Map<String, Object> metadata() {
        var metadata = new java.util.LinkedHashMap<String, Object>();
        metadata.put("issuer", issuer);
        metadata.put("jwks_uri", jwksUri());
        metadata.put("authorization_endpoint", issuer + "/authorize");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", algorithms());
        return metadata;
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
