package org.bearerguard.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.testing.AllAtOnce;
import org.bearerguard.testing.ClusterNodes;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.RawTokens;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several processes sharing one Hazelcast cluster (real embedded members on 127.0.0.1, one per node), one issuer
 * that counts requests, one clock moved by hand: the whole cluster fetches each key set once.
 */
class ClusterScenarioTest {

    private static ClusterNodes nodes;

    private final MutableClock clock = new MutableClock();
    private final JwksServer issuer = JwksServer.start(TestKeys.RSA).cacheControl("max-age=600");
    private final List<Pipeline> open = new ArrayList<>();

    @BeforeAll
    static void cluster() {
        nodes = new ClusterNodes(3);
    }

    @AfterAll
    static void stopCluster() {
        nodes.close();
    }

    @AfterEach
    void close() {
        open.forEach(Pipeline::close);
        issuer.close();
    }

    private TestConfig config() {
        return nodes.config(issuer.issuer()).with("bearer.jwks.fetch-at-startup", "false");
    }

    private Pipeline node(int i, TestConfig config) {
        var p = new Pipeline(config.build(), clock, nodes.region(i));
        open.add(p);
        return p;
    }

    private Pipeline node(int i) {
        return node(i, config());
    }

    private String token(PublicJsonWebKey key) {
        return TestTokens.signedBy(key, "RS256").issuer(issuer.issuer())
                .claim("exp", clock.instant().plus(Duration.ofDays(1)).getEpochSecond())
                .claim("iat", clock.instant().getEpochSecond()).build();
    }

    /** {@code perNode} requests on each node at once; every one must pass. */
    private void together(List<Pipeline> cluster, String token, int perNode) throws Exception {
        var calls = new ArrayList<Callable<String>>();
        for (var p : cluster) {
            for (int i = 0; i < perNode; i++) {
                calls.add(() -> p.authenticate(token).getName());
            }
        }
        assertThat(AllAtOnce.run(calls)).containsOnly("alice");
    }

    @Test
    void whenAColdClusterGetsRequestsOnEveryNodeAtOnceThenTheKeysAreFetchedOnce() throws Exception {
        issuer.delay(300);
        var cluster = List.of(node(0), node(1), node(2));

        together(cluster, token(TestKeys.RSA), 20);

        assertThat(issuer.jwksRequests()).isEqualTo(1);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
    }

    /** The baseline the shared region improves on: every process with an Ehcache of its own fetches for itself. */
    @Test
    void whenEveryNodeKeepsKeysInItsOwnEhcacheThenEveryNodeFetchesForItself() throws Exception {
        var cluster = new ArrayList<Pipeline>();
        for (int i = 0; i < 3; i++) {
            cluster.add(processWithOwnEhcache());
        }

        together(cluster, token(TestKeys.RSA), 20);
        assertThat(issuer.jwksRequests()).isEqualTo(3);

        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);
        together(cluster, token(TestKeys.RSA_ROTATED), 10);
        assertThat(issuer.jwksRequests()).isEqualTo(6);

        together(List.of(processWithOwnEhcache()), token(TestKeys.RSA_ROTATED), 10); // started later
        assertThat(issuer.jwksRequests()).isEqualTo(7);
    }

    /** JCache keeps one Ehcache manager per class loader: a loader of its own, as each process has. */
    private Pipeline processWithOwnEhcache() {
        var thread = Thread.currentThread();
        var loader = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(loader) { });
        try {
            var p = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.jwks.fetch-at-startup", "false")
                    .build(), clock);
            open.add(p);
            return p;
        } finally {
            thread.setContextClassLoader(loader);
        }
    }

    @Test
    void whenANodeStartsAfterTheKeysWereFetchedThenItFetchesNothing() throws Exception {
        node(0).authenticate(token(TestKeys.RSA));

        var late = node(1, config().with("bearer.jwks.fetch-at-startup", "true"));
        late.keys().maintain();
        assertThat(late.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");

        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenARotatedInKeyReachesEveryNodeThenItIsFetchedOnce() throws Exception {
        var cluster = List.of(node(0), node(1), node(2));
        together(cluster, token(TestKeys.RSA), 1);
        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED).delay(200);

        together(cluster, token(TestKeys.RSA_ROTATED), 10);

        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void whenTheKeysNearTheirExpiryThenOneNodeRefreshesAheadAndTheOthersAdoptItsKeys() throws Exception {
        var cluster = List.of(node(0), node(1), node(2));
        together(cluster, token(TestKeys.RSA), 1);
        var first = cluster.get(0).keys().forIssuer(issuer.issuer()).orElseThrow().snapshot().fetchedAt();

        clock.advance(Duration.ofMinutes(9)); // max-age 600 s: refresh ahead at 8 min
        cluster.forEach(p -> p.keys().maintain());
        cluster.forEach(Pipeline::awaitIdle);
        cluster.forEach(p -> p.keys().maintain()); // the next round of upkeep adopts what the region holds

        assertThat(issuer.jwksRequests()).isEqualTo(2);
        for (var p : cluster) {
            assertThat(p.keys().forIssuer(issuer.issuer()).orElseThrow().snapshot().fetchedAt()).isAfter(first);
        }
    }

    @Test
    void whenTwoThousandRandomKidsAreSpreadOverTheNodesThenFetchesStayWithinTheClusterWideAllowance()
            throws Exception {
        var cluster = List.of(node(0), node(1), node(2));
        together(cluster, token(TestKeys.RSA), 1);
        var template = token(TestKeys.RSA);
        var started = clock.instant();

        for (int i = 0; i < 2000; i++) {
            var forged = RawTokens.withHeader(template, "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"attacker-" + i + "\"}");
            assertThat(cluster.get(i % 3).respond(forged).header("WWW-Authenticate").orElseThrow())
                    .contains(Reason.UNKNOWN_KEY.description());
            clock.advance(Duration.ofMillis(100));
        }

        // 200 s at one unknown-kid refresh per 30 s for the whole cluster: 7 at most (one node alone would allow as
        // many, three nodes each on their own three times as many)
        long elapsed = Duration.between(started, clock.instant()).toSeconds();
        assertThat(issuer.jwksRequests() - 1).isBetween(1, (int) (elapsed / 30) + 1);
    }

    @Test
    void whenTheIssuerIsDownThenTheWholeClusterBacksOffTogether() throws Exception {
        issuer.down(true);
        var cluster = List.of(node(0), node(1), node(2));
        var token = token(TestKeys.RSA);

        // backoff 5 s, 10 s, 20 s: one attempt per step for the whole cluster, not one per node
        for (var wait : List.of(0, 5, 10, 20)) {
            clock.advance(Duration.ofSeconds(wait));
            for (var p : cluster) {
                assertThat(p.respond(token).status()).isEqualTo(503);
                p.awaitIdle();
            }
        }
        assertThat(issuer.discoveryRequests() + issuer.jwksRequests()).isEqualTo(4);

        issuer.down(false);
        clock.advance(Duration.ofSeconds(40));
        together(cluster, token(TestKeys.RSA), 5);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenNodesTakeTurnsFailingThenTheClusterWaitDoublesAcrossThem() throws Exception {
        issuer.down(true);
        var cluster = List.of(node(0), node(1), node(2));
        var token = token(TestKeys.RSA);

        // t = 0, 5, 10, 15, 25 s, a different node each time: attempts at 0 (then wait 5 s), 5 (the cluster's second
        // failure: wait 10 s), 15 (third: wait 20 s); at 10 and 25 the cluster is still backing off
        int step = 0;
        for (var at : List.of(0, 5, 10, 15, 25)) {
            clock.advance(Duration.ofSeconds(at - (step == 0 ? 0 : List.of(0, 5, 10, 15, 25).get(step - 1))));
            var p = cluster.get(step++ % 3);
            assertThat(p.respond(token).status()).isEqualTo(503);
            p.awaitIdle();
        }

        assertThat(issuer.discoveryRequests() + issuer.jwksRequests()).isEqualTo(3);
    }

    @Test
    void whenOneNodesClockIsTenMinutesFastThenARotationStillReachesEveryNode() throws Exception {
        var fast = new java.time.Clock() {
            @Override
            public java.time.Instant instant() {
                return clock.instant().plus(Duration.ofMinutes(10));
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        var ahead = new Pipeline(config().build(), fast, nodes.region(0));
        open.add(ahead);
        var cluster = List.of(ahead, node(1), node(2));
        assertThat(ahead.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice"); // dated 10 min ahead
        together(cluster, token(TestKeys.RSA), 2);

        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);
        clock.advance(Duration.ofSeconds(31)); // past the unknown-kid interval

        together(List.of(cluster.get(1), cluster.get(2)), token(TestKeys.RSA_ROTATED), 1);
        assertThat(ahead.respond(token(TestKeys.RSA_ROTATED)).status()).as("the fast node itself").isEqualTo(200);
    }

    @Test
    void whenTheNodeHoldingTheLeaseDiesMidFetchThenAnotherNodeFetchesOnceTheLeaseRunsOut() throws Exception {
        var scratch = new ClusterNodes(2);
        try {
            issuer.delay(2000);
            var holder = new Pipeline(scratch.config(issuer.issuer()).build(), clock, scratch.region(0));
            var other = new Pipeline(scratch.config(issuer.issuer()).build(), clock, scratch.region(1));
            holder.keys().maintain(); // takes the lease, the issuer is slow to answer
            while (issuer.jwksRequests() < 1) {
                Thread.sleep(5);
            }
            issuer.delay(0);
            scratch.kill(0);

            // the lease still runs: the other node waits for it instead of fetching too
            assertThat(other.respond(token(TestKeys.RSA)).status()).isEqualTo(503);
            assertThat(issuer.jwksRequests()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(20)); // past the lease (connect 3 s + 3 × read 5 s + 1 s)
            assertThat(other.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
            assertThat(issuer.jwksRequests()).isEqualTo(2);
        } finally {
            scratch.close();
        }
    }

    @Test
    void whenTheCacheFailsThenNodesKeepTheirKeysAndFetchOnTheirOwnAndSayItOnce() throws Exception {
        var scratch = new ClusterNodes(1);
        try (var log = new LogCapture()) {
            var p = new Pipeline(scratch.config(issuer.issuer()).build(), clock, scratch.region(0));
            assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
            scratch.kill(0);

            for (int i = 0; i < 50; i++) {
                assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
                p.keys().maintain();
            }
            issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);
            assertThat(p.authenticate(token(TestKeys.RSA_ROTATED)).getName()).isEqualTo("alice");

            assertThat(issuer.jwksRequests()).isEqualTo(2);
            assertThat(log.lines()).filteredOn(m -> m.contains("JCache region") && m.contains("failed")).hasSize(1);
        } finally {
            scratch.close();
        }
    }
}
