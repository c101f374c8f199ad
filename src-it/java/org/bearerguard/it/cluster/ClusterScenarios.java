package org.bearerguard.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bearerguard.it.Deployments;
import org.bearerguard.it.RequestLoop;
import org.bearerguard.testing.AllAtOnce;
import org.bearerguard.testing.IntrospectionServer;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.RawTokens;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.bearerguard.testing.TestTokens;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real application servers sharing one distributed cache, an issuer in this JVM that counts its JWKS requests, and
 * requests over HTTP: the cluster fetches each key set once. The same scenarios run on Payara Micro (its data grid)
 * and on OpenLiberty (Hazelcast clients of a member process). Counts are printed as {@code CLUSTER-COUNT} lines.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterScenarios {

    /** 2 s between unknown-kid refreshes, for the whole cluster. */
    private static final Duration MIN_REFRESH = Duration.ofSeconds(2);
    /** Lease of the "lease" issuer: connect 1 s + 3 × read 2 s + 1 s. */
    private static final Duration LEASE = Duration.ofSeconds(8);

    static JwksServer issuer;
    private static JwksServer leaseIssuer;
    /** The "partner" issuer the test application's resources name (never asked for keys here). */
    static JwksServer partnerIssuer;
    /** The partner issuer's introspection endpoint, which counts its calls per token. */
    static IntrospectionServer introspection;
    /** The issuer whose region entries a grid client without the secret poisons. */
    private static JwksServer poisonedIssuer;
    static Cluster cluster;
    private static Path war;
    static final List<Node> nodes = new ArrayList<>();
    static final Map<String, Object> counts = new LinkedHashMap<>();
    /** The cluster's secret for the region's entries: every node of one cluster has the same. */
    /** Where clients reach the application, whichever node serves them. */
    static final String EXTERNAL_BASE = "https://api.cluster.example/api";
    static final String CACHE_SECRET = "cluster-it-secret-of-at-least-32-bytes!";

    /** The issuers the test application trusts (before the nodes: another application may name them too). */
    static void startIssuers() {
        issuer = JwksServer.start(TestKeys.RSA).cacheControl("max-age=600");
        leaseIssuer = JwksServer.start(TestKeys.RSA).cacheControl("max-age=600");
        partnerIssuer = JwksServer.start(TestKeys.EC);
        introspection = IntrospectionServer.start(partnerIssuer.issuer());
        poisonedIssuer = JwksServer.start(TestKeys.RSA, TestKeys.ED).cacheControl("max-age=600").etags(true);
    }

    /** The test application on two nodes of {@code newCluster}, started at once. */
    static void startCluster(Cluster newCluster, Path work) throws Exception {
        cluster = newCluster;
        var app = Deployments.guardedApp("guarded", String.join("\n",
                "bearer.issuer=" + issuer.issuer(),
                "bearer.audience=api",
                "bearer.realm=cluster",
                "bearer.jwks.fetch-at-startup=false",
                "bearer.jwks.min-refresh-interval=" + MIN_REFRESH.toSeconds() + "s",
                "bearer.issuers.lease.issuer=" + leaseIssuer.issuer(),
                "bearer.issuers.lease.http.connect-timeout=1s",
                "bearer.issuers.lease.http.read-timeout=2s",
                "bearer.issuers.partner.issuer=" + partnerIssuer.issuer(),
                "bearer.issuers.partner.audience=partner-api",
                // opaque tokens go to the partner's introspection endpoint (README: Opaque tokens and introspection)
                "bearer.issuers.partner.introspection=opaque",
                "bearer.issuers.partner.introspection.endpoint=" + introspection.endpoint(),
                "bearer.issuers.partner.introspection.client-id=" + IntrospectionServer.CLIENT_ID,
                "bearer.issuers.partner.introspection.client-secret=" + IntrospectionServer.CLIENT_SECRET,
                "bearer.issuers.poisoned.issuer=" + poisonedIssuer.issuer(),
                "bearer.issuers.poisoned.audience=api",
                "bearer.issuers.poisoned.jwks.min-refresh-interval=1s",
                // a shared region's entries are sealed with the cluster's secret (README: Trust model)
                "bearer.cache.secret=" + CACHE_SECRET,
                // the nodes stand behind one address, as behind a load balancer: the URI clients sign
                "bearer.dpop.external-base-url=" + EXTERNAL_BASE,
                cluster.cacheConfig()));
        war = export(cluster.prepare(app), work);
        // two nodes at once, as a deployment would roll them out (both are stopped by @AfterAll, also on failure)
        var second = CompletableFuture.supplyAsync(() -> cluster.start(1, war));
        try {
            nodes.add(cluster.start(0, war));
        } finally {
            nodes.add(second.join());
        }
    }

    @AfterAll
    static void stopCluster() {
        counts.forEach((k, v) -> System.out.println("CLUSTER-COUNT " + cluster.cacheName() + " | " + k + " | " + v));
        counts.clear();
        if (cluster != null) {
            cluster.close();
        }
        if (issuer != null) {
            issuer.close();
            leaseIssuer.close();
            partnerIssuer.close();
            poisonedIssuer.close();
            introspection.close();
        }
    }

    static Path export(WebArchive app, Path work) {
        var file = work.resolve(app.getName());
        app.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    static String token(org.jose4j.jwk.PublicJsonWebKey key) {
        return TestTokens.signedBy(key, "RS256").issuer(issuer.issuer()).expiresIn(Duration.ofMinutes(10)).build();
    }

    /** {@code perNode} requests to each node at once; returns the answers that were not 200. */
    static List<String> together(List<Node> targets, String token, int perNode) throws Exception {
        var calls = new ArrayList<Callable<HttpResponse<String>>>();
        for (var node : targets) {
            for (int i = 0; i < perNode; i++) {
                calls.add(() -> node.http().bearer("api/me", token));
            }
        }
        return AllAtOnce.run(calls).stream().filter(r -> r.statusCode() != 200)
                .map(r -> r.statusCode() + " " + r.headers().firstValue("WWW-Authenticate").orElse(""))
                .toList();
    }

    @Test
    @Order(10)
    void whenTheClusterStartsColdWithRequestsOnEveryNodeThenTheKeysAreFetchedOnce() throws Exception {
        assertThat(together(nodes, token(TestKeys.RSA), 20)).isEmpty();

        counts.put("cold start, 2 nodes × 20 concurrent requests: JWKS fetches", issuer.jwksRequests());
        assertThat(issuer.jwksRequests()).isEqualTo(1);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
    }

    @Test
    @Order(15)
    void whenOneOpaqueTokenReachesEveryNodeAtOnceThenTheClusterIntrospectsItOnce() throws Exception {
        var token = "opaque-" + java.util.UUID.randomUUID();
        introspection.activate(token, Map.of("aud", "partner-api"));

        assertThat(together(nodes, token, 20)).isEmpty();
        for (var node : nodes) {
            assertThat(together(List.of(node), token, 5)).isEmpty();
        }

        counts.put("one opaque token, 2 nodes × 20 concurrent requests then 2 × 5 more: introspections",
                introspection.callsFor(token));
        assertThat(introspection.callsFor(token)).isEqualTo(1);
    }

    @Test
    @Order(16)
    void whenAnOpaqueTokenIsInactiveThenEveryNodeRefusesIt() throws Exception {
        var token = "opaque-never-issued-" + java.util.UUID.randomUUID();

        for (var node : nodes) {
            var response = node.http().bearer("api/me", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"cluster\","
                    + " error=\"invalid_token\", error_description=\"The token is not active\", DPoP realm=\"cluster\", algs=\"ES256 ES384 ES512"
                    + " EdDSA PS256 PS384 PS512 RS256 RS384 RS512\"");
        }
    }

    @Test
    @Order(20)
    void whenARotatedInKeyReachesEveryNodeThenItIsFetchedOnce() throws Exception {
        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);

        assertThat(together(nodes, token(TestKeys.RSA_ROTATED), 10)).isEmpty();

        counts.put("rotated-in kid, 2 nodes × 10 concurrent requests: JWKS fetches", issuer.jwksRequests() - 1);
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    @Order(30)
    void whenTwoThousandRandomKidsAreSpreadOverTheNodesThenFetchesStayWithinTheClusterWideAllowance()
            throws Exception {
        ServerProcess.sleep(MIN_REFRESH.toMillis()); // the rotation above used the allowance
        var before = issuer.jwksRequests();
        var template = token(TestKeys.RSA);
        var sent = new AtomicInteger();
        var unexpected = new ConcurrentLinkedQueue<String>();
        var started = System.nanoTime();
        AllAtOnce.repeat(4, () -> { // four clients
            for (int i; (i = sent.getAndIncrement()) < 2000; ) {
                var forged = RawTokens.withHeader(template,
                        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"attacker-" + i + "\"}");
                var response = nodes.get(i % nodes.size()).http().bearer("api/me", forged);
                if (response.statusCode() != 401) {
                    unexpected.add(response.statusCode() + " " + response.body());
                }
            }
            return null;
        });
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        var fetches = issuer.jwksRequests() - before;
        long bound = elapsed.toMillis() / MIN_REFRESH.toMillis() + 1;
        counts.put("2,000 random kids over 2 nodes in " + elapsed.toMillis() + " ms: JWKS fetches (cluster-wide"
                + " bound " + bound + ", per-node bound " + bound * nodes.size() + ")", fetches);
        assertThat(unexpected).isEmpty();
        assertThat(fetches).isBetween(1, (int) bound);
    }

    @Test
    @Order(40)
    void whenANodeStartsAfterTheKeysWereFetchedThenItFetchesNothing() throws Exception {
        var before = issuer.jwksRequests();
        nodes.add(cluster.start(2, war));

        assertThat(together(List.of(nodes.get(2)), token(TestKeys.RSA), 10)).isEmpty();
        assertThat(together(List.of(nodes.get(2)), token(TestKeys.RSA_ROTATED), 10)).isEmpty();

        counts.put("third node started later, 20 requests: JWKS fetches", issuer.jwksRequests() - before);
        assertThat(issuer.jwksRequests()).isEqualTo(before);
    }

    /**
     * The nodes stand behind one external address ({@code bearer.dpop.external-base-url}), so a proof signed for it
     * fits every node: the one that accepts it first writes it to the grid, and the other refuses it.
     */
    @Test
    @Order(45)
    void whenADpopProofAcceptedByOneNodeIsReplayedToAnotherThenItIsRefusedThere() throws Exception {
        var token = TestTokens.signedBy(TestKeys.RSA, "RS256").issuer(issuer.issuer())
                .expiresIn(Duration.ofMinutes(10))
                .claim("cnf", Map.of("jkt", TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256"))).build();
        var proof = TestProofs.forRequest("GET", EXTERNAL_BASE + "/me").accessToken(token).build();

        var accepted = nodes.get(0).http().dpop("api/me", token, proof);
        var replayed = nodes.get(1).http().dpop("api/me", token, proof);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.headers().allValues("WWW-Authenticate")).containsExactly("DPoP realm=\"cluster\","
                + " error=\"invalid_dpop_proof\", error_description=\"The DPoP proof has been used before\", algs=\"ES256"
                + " ES384 ES512 EdDSA PS256 PS384 PS512 RS256 RS384 RS512\"");
        var fresh = TestProofs.forRequest("GET", EXTERNAL_BASE + "/me").accessToken(token).build();
        assertThat(nodes.get(1).http().dpop("api/me", token, fresh).statusCode()).isEqualTo(200);
        counts.put("DPoP proof replayed to a second node: status there", replayed.statusCode());
    }

    /**
     * A Hazelcast client on the grid without the secret writes, for one issuer and on each node in turn: forged key
     * sets holding its key (no MAC, a forged MAC, far-future dates with the issuer's real ETag, an invalid ETag), a
     * key set sealed for another entry, leases, backoff and an allowance until the end of time, and the first key
     * set replayed after a rotation (a rollback to a removed key).
     */
    @Test
    @Order(50)
    void whenAGridClientWithoutTheSecretPoisonsTheRegionThenNoNodeTakesItsKeysAndRotationsReachEveryNode()
            throws Exception {
        try (var grid = cluster.poisoner(); var poisoning = new RegionPoisoning(poisonedIssuer, grid, nodes)) {
            var first = poisoning.everyNodeServes();
            var otherIssuersKeySet = grid.get(GridPoisoner.entryName("", issuer.issuer()));
            assertThat(otherIssuersKeySet).as("the other issuer's key set holds a key this one lacks")
                    .contains(TestKeys.RSA_ROTATED.getKeyId());

            poisoning.forgedKeySets(otherIssuersKeySet, TestKeys.RSA_ROTATED);
            var rotations = poisoning.rotationsPastForgedEntries();
            var everywhere = poisoning.rotatedKeysOnEveryNode();
            poisoning.rollback(first);
            var failures = poisoning.validRequestFailures();

            counts.put("poisoned region: valid requests / failed on " + nodes.size() + " nodes",
                    poisoning.validRequests() + " / " + failures.size());
            assertThat(poisoning.accepted()).as("the attacker's tokens got other than 401").isEmpty();
            assertThat(rotations).containsOnly(200);
            assertThat(everywhere).containsOnly(200);
            assertThat(failures).isEmpty();
            assertThat(nodes).allSatisfy(n -> assertThat(n.process().logLines("bearer-guard: ignoring the entry '"))
                    .as("poisoning warnings of %s", n.app()).isEqualTo(1));
        }
    }

    @Test
    @Order(70)
    void whenTheNodeHoldingTheLeaseDiesMidFetchThenAnotherNodeFetchesWithinTheLeaseTime() throws Exception {
        var leaseToken = TestTokens.signedBy(TestKeys.RSA, "RS256").issuer(leaseIssuer.issuer())
                .expiresIn(Duration.ofMinutes(10)).build();
        leaseIssuer.delay(60_000);
        var holder = nodes.get(0);
        CompletableFuture.runAsync(() -> holder.http().bearer("api/me", leaseToken)); // takes the lease, then hangs
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (leaseIssuer.jwksRequests() < 1) {
            assertThat(System.nanoTime()).as("the holder asked the issuer within 30 s").isLessThan(deadline);
            ServerProcess.sleep(20);
        }
        leaseIssuer.delay(0);
        holder.process().kill();
        var killed = System.nanoTime();

        var response = nodes.get(1).http().until(r -> r.statusCode() == 200, "api/me", leaseToken);
        var took = Duration.ofNanos(System.nanoTime() - killed);

        counts.put("lease holder killed mid-fetch: JWKS fetches (the dead one's included)", leaseIssuer.jwksRequests());
        counts.put("lease holder killed mid-fetch: ms until another node served (lease " + LEASE.toMillis() + " ms)",
                took.toMillis());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(leaseIssuer.jwksRequests()).isEqualTo(2);
        assertThat(took).isLessThan(LEASE.plusSeconds(5)); // the lease, one poll, one fetch, and a busy machine
    }

    @Test
    @Order(80)
    void whenTheDistributedCacheGoesAwayMidRunThenNoValidRequestFails() throws Exception {
        var others = List.copyOf(nodes.subList(1, nodes.size())); // node 0 died above
        var survivors = cluster.survivorsOfLosingCache(others);
        var loops = survivors.stream()
                .map(n -> new RequestLoop(n.http(), "api/me", () -> token(TestKeys.RSA), 1)).toList();
        List<Integer> rotated;
        try {
            ServerProcess.sleep(2000);
            cluster.loseCache(others);
            ServerProcess.sleep(4000);
            // a key the cluster has never seen: each surviving node fetches it on its own
            issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED, TestKeys.RSA_NEXT);
            rotated = survivors.stream().map(n -> n.http()
                    .until(r -> r.statusCode() == 200, "api/me", token(TestKeys.RSA_NEXT)).statusCode()).toList();
            ServerProcess.sleep(1000);
        } finally {
            for (var loop : loops) {
                loop.close();
            }
        }
        var requests = loops.stream().mapToInt(RequestLoop::requests).sum();
        var failures = loops.stream().flatMap(l -> l.failures().stream()).toList();

        counts.put("cache gone mid-run: requests / failed on the " + survivors.size() + " serving node(s)",
                requests + " / " + failures.size());
        assertThat(failures).isEmpty();
        assertThat(rotated).containsOnly(200);
    }

    static Path workDirectory(String server) throws Exception {
        var dir = Path.of("target", "cluster-" + server).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }
}
