package org.bearerguard.internal.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.cache.HazelcastClientCachingProvider;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.testing.AllAtOnce;
import org.bearerguard.testing.ClusterNodes;
import org.bearerguard.testing.IntrospectionServer;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one Hazelcast cluster, each its own pipeline over its own member, introspecting at one counting
 * endpoint: one call per token for the whole cluster, also when both nodes see the token first at the same moment;
 * an answer written into the region without the cluster's secret is never used.
 */
class ClusterIntrospectionTest {

    private static ClusterNodes nodes;
    private static JwksServer issuer;
    private static IntrospectionServer server;
    private static Pipeline first;
    private static Pipeline second;

    @BeforeAll
    static void start() {
        nodes = new ClusterNodes(2);
        issuer = JwksServer.start(TestKeys.RSA);
        server = IntrospectionServer.start(issuer.issuer());
        first = new Pipeline(config(), Clock.systemUTC(), nodes.region(0));
        second = new Pipeline(config(), Clock.systemUTC(), nodes.region(1));
    }

    private static org.bearerguard.internal.config.BearerConfig config() {
        return nodes.config(issuer.issuer())
                .with("bearer.introspection", "opaque")
                .with("bearer.introspection.endpoint", server.endpoint())
                .with("bearer.introspection.client-id", IntrospectionServer.CLIENT_ID)
                .with("bearer.introspection.client-secret", IntrospectionServer.CLIENT_SECRET)
                .with("bearer.jwks.fetch-at-startup", "false")
                .build();
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        server.close();
        nodes.close();
        issuer.close();
    }

    private static String activeToken() {
        var token = "opaque-" + UUID.randomUUID();
        server.activate(token, Map.of());
        return token;
    }

    @Test
    void whenTwoNodesSeeOneTokenThenTheClusterIntrospectsItOnce() {
        var token = activeToken();

        assertThat(first.respond(token).status()).isEqualTo(200);
        for (int i = 0; i < 100; i++) {
            assertThat(second.respond(token).status()).isEqualTo(200);
            assertThat(first.respond(token).status()).isEqualTo(200);
        }

        assertThat(server.callsFor(token)).isEqualTo(1);
    }

    @Test
    void whenBothNodesSeeANewTokenAtOnceThenOneCallAnswersEveryRequest() throws Exception {
        var token = activeToken();
        var calls = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> first.respond(token).status());
            calls.add(() -> second.respond(token).status());
        }
        var releaser = server.holdUntilCalled();

        var statuses = AllAtOnce.run(calls);

        releaser.join();
        assertThat(statuses).containsOnly(200).hasSize(100);
        assertThat(server.callsFor(token)).isEqualTo(1);
    }

    @Test
    void whenSomeoneWithoutTheSecretWritesAnActiveAnswerIntoTheRegionThenNoNodeUsesIt() {
        var token = "made-up-" + UUID.randomUUID(); // inactive at the endpoint
        var name = IssuerConfig.regionKeyOf(issuer.issuer(), Optional.empty()) + " " + IntrospectionServer.CLIENT_ID
                + " " + TokenDigest.of(token);
        var answer = "{\"active\":true,\"iss\":\"" + issuer.issuer() + "\",\"aud\":\"api\",\"sub\":\"mallory\","
                + "\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}";
        var until = Instant.now().plusSeconds(30).toEpochMilli();
        HazelcastInstance attacker = attacker();
        try {
            var region = regionOf(attacker);
            for (var forged : List.of("." + "A " + until + " " + answer,
                    "A".repeat(43) + ".A " + until + " " + answer)) {
                region.put(name, forged);

                assertThat(first.respond(token).status()).isEqualTo(401);
            }
        } finally {
            attacker.shutdown();
        }
    }

    @Test
    void whenSomeoneWithoutTheSecretHoldsATokensLeaseThenTheNodeAsksWithoutWaitingForIt() {
        var token = activeToken();
        var name = IssuerConfig.regionKeyOf(issuer.issuer(), Optional.empty()) + " " + IntrospectionServer.CLIENT_ID
                + " " + TokenDigest.of(token);
        HazelcastInstance attacker = attacker();
        try {
            regionOf(attacker).put("lease " + name, ".someone " + Instant.now().plusSeconds(600).toEpochMilli());
            long start = System.nanoTime();

            assertThat(first.respond(token).status()).isEqualTo(200);

            // a lease this node believed would make it wait a whole lease time (connect 3 s + 3 × read 5 s + 1 s)
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(
                    java.time.Duration.ofSeconds(10));
            assertThat(server.callsFor(token)).isEqualTo(1);
        } finally {
            attacker.shutdown();
        }
    }

    @Test
    void whenTheLeaseHolderFailsThenTheWaitingNodeAsksItselfWithoutWaitingOutTheLease() throws Exception {
        var token = activeToken();
        server.fail(IntrospectionServer.Failure.UNAVAILABLE_503);
        var releaser = server.holdUntilCalled();
        long start = System.nanoTime();
        try {
            var statuses = AllAtOnce.run(List.<Callable<Integer>>of(() -> first.respond(token).status(),
                    () -> second.respond(token).status()));

            assertThat(statuses).containsExactly(503, 503);
            // the lease time is 19 s (connect 3 s + 3 × read 5 s + 1 s): the waiting node did not sit it out
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(
                    java.time.Duration.ofSeconds(10));
        } finally {
            releaser.join();
            server.fail(IntrospectionServer.Failure.NONE);
        }
    }

    private static HazelcastInstance attacker() {
        var config = new ClientConfig().setClusterName(nodes.clusterName());
        config.getNetworkConfig().addAddress(nodes.address(0));
        return HazelcastClient.newHazelcastClient(config);
    }

    /** The answers' region, named by bearer.cache.name and its lifetime (60 s cache time + 5 s margin). */
    private static javax.cache.Cache<String, String> regionOf(HazelcastInstance client) {
        var provider = new HazelcastClientCachingProvider();
        return provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                        HazelcastCachingProvider.propertiesByInstanceItself(client))
                .getCache("bearer-guard-jwks introspection 65s", String.class, String.class);
    }
}
