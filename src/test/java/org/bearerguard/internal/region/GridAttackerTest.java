package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.cache.HazelcastClientCachingProvider;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import javax.cache.Cache;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.testing.ClusterNodes;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real embedded Hazelcast member and, beside the application, a Hazelcast client of someone who knows only the
 * cluster's name and a member's address: they can write to the region, but not an entry any node accepts.
 */
class GridAttackerTest {

    private static ClusterNodes nodes;
    private static HazelcastInstance attacker;
    private static Cache<String, String> region;

    private final MutableClock clock = new MutableClock();
    private final JwksServer issuer = JwksServer.start(TestKeys.RSA);
    private Pipeline node;

    @BeforeAll
    static void grid() {
        nodes = new ClusterNodes(1);
        var config = new ClientConfig().setClusterName(nodes.clusterName());
        config.getNetworkConfig().addAddress(nodes.address(0));
        attacker = HazelcastClient.newHazelcastClient(config);
        var provider = new HazelcastClientCachingProvider();
        region = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(attacker))
                .getCache("bearer-guard-jwks", String.class, String.class);
    }

    @AfterAll
    static void stop() {
        attacker.shutdown();
        nodes.close();
    }

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
        region.clear();
        issuer.close();
    }

    private String token(PublicJsonWebKey key) {
        return TestTokens.signedBy(key, "RS256").issuer(issuer.issuer())
                .claim("exp", clock.instant().plus(Duration.ofDays(1)).getEpochSecond()).build();
    }

    @Test
    void whenAClientThatKnowsTheClusterNameRewritesTheKeySetThenNoNodeAcceptsItsTokens() throws Exception {
        node = new Pipeline(nodes.config(issuer.issuer()).with("bearer.jwks.fetch-at-startup", "false").build(),
                clock, nodes.region(0));
        assertThat(node.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");

        var key = RawCache.keySetKey(region);
        region.put(key, RawCache.withJwks(region.get(key), TestKeys.jwks(TestKeys.ATTACKER)));
        node.keys().maintain();

        assertThat(node.respond(token(TestKeys.ATTACKER)).header("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).contains(Reason.BAD_SIGNATURE.description()));
        assertThat(node.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
    }
}
