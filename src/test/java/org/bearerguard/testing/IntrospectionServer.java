package org.bearerguard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;

/**
 * An RFC 7662 introspection endpoint on 127.0.0.1 that counts its calls: tokens it was told about are active with
 * their claims, every other token is inactive. It checks the client's credentials (Basic or form, 401 otherwise), can
 * hold every answer until released (for bursts), and misbehaves on request ({@link Failure}).
 */
public final class IntrospectionServer implements AutoCloseable {

    public static final String CLIENT_ID = "resource-server";
    public static final String CLIENT_SECRET = "resource-server-secret";

    /** How the endpoint misbehaves. */
    public enum Failure {
        NONE, UNAVAILABLE_503, GARBAGE, NOT_AN_OBJECT, ACTIVE_AS_STRING, NO_ACTIVE, HUGE, TRICKLE, REDIRECT,
        TEXT_PLAIN
    }

    private final HttpServer server;
    private final String issuer;
    private final Map<String, Map<String, Object>> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perToken = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger refusedClients = new AtomicInteger();
    private volatile Failure failure = Failure.NONE;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile Map<String, String> lastForm = Map.of();
    private volatile String lastAuthorization;

    private IntrospectionServer(String issuer) throws IOException {
        this.issuer = issuer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "introspection-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/introspect", this::introspect);
        server.start();
    }

    /** An endpoint whose active answers name {@code issuer} as {@code iss}. */
    public static IntrospectionServer start(String issuer) {
        try {
            return new IntrospectionServer(issuer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/introspect";
    }

    /**
     * The token is active from now on: {@code iss} the issuer, {@code aud} {@code api}, {@code sub} {@code alice},
     * {@code exp} in an hour, then {@code claims} (a null value removes a member).
     */
    public IntrospectionServer activate(String token, Map<String, Object> claims) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("active", true);
        answer.put("iss", issuer);
        answer.put("aud", "api");
        answer.put("sub", "alice");
        answer.put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
        claims.forEach((k, v) -> {
            if (v == null) {
                answer.remove(k);
            } else {
                answer.put(k, v);
            }
        });
        active.put(token, answer);
        return this;
    }

    /** The token is inactive from now on (revoked). */
    public IntrospectionServer revoke(String token) {
        active.remove(token);
        return this;
    }

    public IntrospectionServer fail(Failure how) {
        failure = how;
        return this;
    }

    /** Every answer waits until {@link #release()}. */
    public IntrospectionServer hold() {
        held = new CountDownLatch(1);
        return this;
    }

    public void release() {
        held.countDown();
    }

    /**
     * Holds every answer until the first call has arrived, then lets it go: a burst of first requests finds the
     * call in flight. Join the returned thread at the end of the test.
     */
    public Thread holdUntilCalled() {
        hold();
        var releaser = new Thread(() -> {
            while (calls.get() == 0) {
                Thread.onSpinWait();
            }
            release();
        }, "introspection-releaser");
        releaser.setDaemon(true);
        releaser.start();
        return releaser;
    }

    public int calls() {
        return calls.get();
    }

    public int callsFor(String token) {
        var n = perToken.get(token);
        return n == null ? 0 : n.get();
    }

    /** Calls refused for wrong client credentials. */
    public int refusedClients() {
        return refusedClients.get();
    }

    /** The form of the last call, decoded. */
    public Map<String, String> lastForm() {
        return lastForm;
    }

    public String lastAuthorization() {
        return lastAuthorization;
    }

    private void introspect(HttpExchange exchange) throws IOException {
        try (exchange) {
            var form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastForm = form;
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!"POST".equals(exchange.getRequestMethod()) || !authenticated(form, lastAuthorization)) {
                refusedClients.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            var token = form.getOrDefault("token", "");
            calls.incrementAndGet();
            perToken.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            held.await(30, TimeUnit.SECONDS);
            var answer = active.get(token);
            var json = answer == null ? "{\"active\":false}" : JsonUtil.toJson(answer);
            switch (failure) {
                case UNAVAILABLE_503 -> exchange.sendResponseHeaders(503, -1);
                case REDIRECT -> {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
                    exchange.sendResponseHeaders(307, -1);
                }
                case TRICKLE -> trickle(exchange);
                case GARBAGE -> send(exchange, "application/json", "<html>not json</html>");
                case NOT_AN_OBJECT -> send(exchange, "application/json", "[true]");
                case ACTIVE_AS_STRING -> send(exchange, "application/json", json.replace("\"active\":true",
                        "\"active\":\"true\""));
                case NO_ACTIVE -> send(exchange, "application/json", json.replace("\"active\":true,", ""));
                case HUGE -> send(exchange, "application/json", json.replace("}", ",\"pad\":\""
                        + "a".repeat(1 << 20) + "\"}"));
                case TEXT_PLAIN -> send(exchange, "text/plain", json);
                default -> send(exchange, "application/json", json);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean authenticated(Map<String, String> form, String authorization) {
        if (authorization != null && authorization.startsWith("Basic ")) {
            var pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            return (CLIENT_ID + ":" + CLIENT_SECRET).equals(pair) && !form.containsKey("client_secret");
        }
        return authorization == null && CLIENT_ID.equals(form.get("client_id"))
                && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    /** Headers at once, then one byte every 100 ms for 10 s. */
    private static void trickle(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        var body = exchange.getResponseBody();
        for (int i = 0; i < 100; i++) {
            body.write('{');
            body.flush();
            Thread.sleep(100);
        }
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String body) {
        var form = new LinkedHashMap<String, String>();
        for (var pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
