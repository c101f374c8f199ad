package org.bearerguard.it.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bearerguard.it.RequestLoop;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * The poisoning of a real cluster's region, step by step: a {@link GridPoisoner} (no secret) writes what an attacker
 * on the grid would, one node at a time, and each step waits until that node has read the entry and written its own
 * over it. Meanwhile every node keeps serving valid tokens of the issuer ({@link RequestLoop}).
 *
 * <p>The issuer starts with the keys {@code rsa-1} (signs the valid tokens throughout) and {@code ed-1} (removed at
 * the first rotation: the key a rollback would bring back).
 */
final class RegionPoisoning implements AutoCloseable {

    /** The key each node's rotation brings in, node by node. */
    static final List<PublicJsonWebKey> ROTATIONS = List.of(TestKeys.RSA_ROTATED, TestKeys.RSA_NEXT, TestKeys.EC);
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(30);
    private static final long FAR_FUTURE = Long.MAX_VALUE;

    private final JwksServer issuer;
    private final GridPoisoner grid;
    private final List<Node> nodes;
    private final List<RequestLoop> loops;
    private final AtomicInteger attackerKids = new AtomicInteger();
    /** The attacker's answers that were not 401, as "node: status header". */
    private final List<String> accepted = new ArrayList<>();
    private String keySet;

    RegionPoisoning(JwksServer issuer, GridPoisoner grid, List<Node> nodes) {
        this.issuer = issuer;
        this.grid = grid;
        this.nodes = nodes;
        this.loops = nodes.stream().map(n -> new RequestLoop(n.http(), "api/me", () -> token(TestKeys.RSA), 1))
                .toList();
    }

    String token(PublicJsonWebKey key) {
        var alg = key.getKeyType().equals("EC") ? "ES256" : key.getKeyType().equals("OKP") ? "EdDSA" : "RS256";
        return TestTokens.signedBy(key, alg).issuer(issuer.issuer()).expiresIn(Duration.ofMinutes(10)).build();
    }

    /** Every node has the issuer's keys (the region then holds them, sealed); returns the key set's entry value. */
    String everyNodeServes() {
        for (var node : nodes) {
            node.http().until(r -> r.statusCode() == 200, "api/me", token(TestKeys.RSA));
        }
        keySet = GridPoisoner.entryName("", issuer.issuer());
        return grid.get(keySet);
    }

    /**
     * On each node, each forged key set holding an attacker key: unsealed, with a forged MAC, with far-future dates
     * and the issuer's real {@code ETag}, with an invalid {@code ETag}; and a key set sealed for another entry
     * ({@code copiedFrom}, another issuer's, holding {@code copiedKey}), probed with a token of that key.
     */
    void forgedKeySets(String copiedFrom, PublicJsonWebKey copiedKey) {
        var realEtag = realEtag();
        for (var node : nodes) {
            for (var variant : List.<Function<String, String>>of(
                    jwks -> GridPoisoner.unsealed(payload(jwks, Map.of())),
                    jwks -> GridPoisoner.forgedSeal(payload(jwks, Map.of())),
                    jwks -> GridPoisoner.forgedSeal(GridPoisoner.keySetPayload(jwks, generation() + 1,
                            Instant.now().plus(3650, ChronoUnit.DAYS), Instant.ofEpochMilli(FAR_FUTURE),
                            Map.of("etag", realEtag))),
                    jwks -> GridPoisoner.unsealed(payload(jwks, Map.of("etag", "not \" an entity-tag"))))) {
                var kid = "attacker-" + attackerKids.incrementAndGet();
                var attacker = TestTokens.signedBy(TestKeys.ATTACKER, "RS256").kid(kid).issuer(issuer.issuer())
                        .expiresIn(Duration.ofMinutes(10)).build();
                poisonUntilReplaced(node, variant.apply(attackerJwks(kid)), attacker);
            }
            poisonUntilReplaced(node, copiedFrom, token(copiedKey));
        }
    }

    /**
     * Node by node: a lease and a backoff until the end of time, an allowance spent in the far future and a key set
     * of the highest generation dated in the future (all forged); then the issuer rotates a key in. Returns each
     * node's answer to a token of its new key.
     */
    List<Integer> rotationsPastForgedEntries() {
        var answers = new ArrayList<Integer>();
        for (int i = 0; i < nodes.size(); i++) {
            grid.put("lease " + keySet, GridPoisoner.forgedSeal("attacker " + FAR_FUTURE));
            grid.put("backoff " + keySet, GridPoisoner.unsealed(FAR_FUTURE + " 30"));
            grid.put("unknown-kid " + keySet, GridPoisoner.forgedSeal(Long.toString(FAR_FUTURE)));
            grid.put(keySet, GridPoisoner.forgedSeal(GridPoisoner.keySetPayload(TestKeys.jwks(TestKeys.RSA),
                    (1L << 53) - 1, Instant.now().plus(1, ChronoUnit.HOURS), Instant.ofEpochMilli(FAR_FUTURE),
                    Map.of())));
            var published = new ArrayList<>(List.of(TestKeys.RSA));
            published.addAll(ROTATIONS.subList(0, i + 1));
            issuer.publish(published.toArray(PublicJsonWebKey[]::new));
            answers.add(nodes.get(i).http().until(r -> r.statusCode() == 200, "api/me", token(ROTATIONS.get(i)))
                    .statusCode());
        }
        return answers;
    }

    /** Each node's answers to tokens of every rotated-in key, once all rotations are done. */
    List<Integer> rotatedKeysOnEveryNode() {
        var answers = new ArrayList<Integer>();
        for (var node : nodes) {
            for (var key : ROTATIONS) {
                answers.add(node.http().until(r -> r.statusCode() == 200, "api/me", token(key)).statusCode());
            }
        }
        return answers;
    }

    /** The first key set (sealed, older, still holding {@code ed-1}) written back on each node: a rollback. */
    void rollback(String firstKeySet) {
        for (var node : nodes) {
            poisonUntilReplaced(node, firstKeySet, token(TestKeys.ED));
        }
    }

    /**
     * Writes {@code value} as the key set and sends {@code probe} (a token no node may accept) to {@code node} until
     * the node has read the entry (and removed it, if it is forged) and put its own key set in its place (a node asks the region when a token names a
     * {@code kid} it does not know, at most once per allowance).
     */
    private void poisonUntilReplaced(Node node, String value, String probe) {
        grid.put(keySet, value);
        var deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
        // a forged value is removed as soon as it is read; the step ends once the node's own key set is there
        for (var stored = grid.get(keySet); stored == null || stored.equals(value); stored = grid.get(keySet)) {
            var response = node.http().bearer("api/me", probe);
            if (response.statusCode() != 401) {
                accepted.add(node.app() + ": " + response.statusCode() + " "
                        + response.headers().firstValue("WWW-Authenticate").orElse(""));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(node.app() + " did not replace the poisoned key set within " + STEP_DEADLINE
                        + "; the attacker's answers other than 401 so far: " + accepted);
            }
            ServerProcess.sleep(100);
        }
    }

    /** What the attacker's tokens got other than 401. */
    List<String> accepted() {
        return accepted;
    }

    /** Valid requests that failed on any node while the region was poisoned. */
    List<String> validRequestFailures() throws InterruptedException {
        for (var loop : loops) {
            loop.close();
        }
        return loops.stream().flatMap(l -> l.failures().stream()).toList();
    }

    int validRequests() {
        return loops.stream().mapToInt(RequestLoop::requests).sum();
    }

    private String payload(String jwks, Map<String, Object> extra) {
        var now = Instant.now();
        return GridPoisoner.keySetPayload(jwks, generation() + 1, now, now.plus(1, ChronoUnit.HOURS), extra);
    }

    /** The generation in the region now, read as an attacker can (the payload is not encrypted). */
    private long generation() {
        return GridPoisoner.generation(grid.get(keySet));
    }

    /** The issuer's real key set with the attacker's key beside it under {@code kid}. */
    private static String attackerJwks(String kid) {
        var attacker = TestKeys.ATTACKER.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        attacker.put("kid", kid);
        var real = TestKeys.RSA.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        return JsonUtil.toJson(Map.of("keys", List.of(real, attacker)));
    }

    /** The issuer's current ETag, as anyone gets it: its JWKS endpoint is public. */
    private String realEtag() {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer.jwksUri()))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.headers().firstValue("ETag").orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the request loops (the grid client is its creator's to close). */
    @Override
    public void close() throws InterruptedException {
        for (var loop : loops) {
            loop.close();
        }
    }
}
