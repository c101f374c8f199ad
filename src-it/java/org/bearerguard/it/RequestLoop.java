package org.bearerguard.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Clients that keep calling one path, each request with a token fresh from the issuer, until closed: every answer
 * but 200 is kept as a failure, and every signing key the tokens named is counted.
 */
public final class RequestLoop implements AutoCloseable {

    private final Http http;
    private final String path;
    private final Supplier<String> tokens;
    private final List<Thread> clients = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> signedBy = new ConcurrentHashMap<>();
    /** When the first answer to a token of the newest signing key came, System.nanoTime(); 0 before any. */
    private volatile long newestSignerAnsweredAt;
    private volatile boolean running = true;

    public RequestLoop(Http http, String path, Supplier<String> tokens, int clientCount) {
        this.http = http;
        this.path = path;
        this.tokens = tokens;
        for (int i = 0; i < clientCount; i++) {
            var client = new Thread(this::loop, "request-loop-" + i);
            client.start();
            clients.add(client);
        }
    }

    private void loop() {
        while (running) {
            try {
                var token = tokens.get();
                var response = http.bearer(path, token);
                var answeredAt = System.nanoTime();
                signedBy.computeIfAbsent(signer(token), k -> {
                    newestSignerAnsweredAt = answeredAt;
                    return new LongAdder();
                }).increment();
                if (response.statusCode() != 200) {
                    failures.add(response.statusCode() + " " + signer(token) + " "
                            + response.headers().firstValue("WWW-Authenticate").orElse(response.body()));
                }
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
            requests.incrementAndGet();
        }
    }

    /** {@code alg kid} of a token's header. */
    static String signer(String token) {
        var header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        try {
            var fields = JsonUtil.parseJson(header);
            return fields.get("alg") + " " + fields.get("kid");
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns once {@code more} further requests have been answered (bounded: 60 s). */
    void await(int more) throws InterruptedException {
        var target = requests.get() + more;
        awaitUntil(() -> requests.get() >= target, "only %d requests in 60 s, wanted " + target);
    }

    /**
     * Returns once {@code interval} has passed, under load, since the first answer to a token of the newest signing
     * key the tokens named (bounded: 60 s). That answer came after the server's refresh for the new {@code kid}, so
     * from then on the server's unknown-{@code kid} allowance of one refresh per {@code interval} is back.
     */
    void awaitPastNewestSigner(Duration interval) throws InterruptedException {
        awaitUntil(() -> newestSignerAnsweredAt != 0 && System.nanoTime() - newestSignerAnsweredAt > interval.toNanos(),
                "%d requests in 60 s, and still within " + interval + " of the newest signer's first answer");
    }

    private void awaitUntil(BooleanSupplier done, String timeout) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(timeout, requests.get()));
            }
            Thread.sleep(20);
        }
    }

    public int requests() {
        return requests.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** How many requests carried a token of each {@code alg kid}. */
    Map<String, Long> signers() {
        var out = new java.util.TreeMap<String, Long>();
        signedBy.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (var client : clients) {
            client.join(Duration.ofSeconds(90).toMillis());
        }
    }
}
