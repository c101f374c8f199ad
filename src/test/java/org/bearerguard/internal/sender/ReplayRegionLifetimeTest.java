package org.bearerguard.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.testing.TestRequests.dpop;
import static org.bearerguard.testing.TestRequests.proofFor;

import java.time.Clock;
import java.util.Map;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.ClusterNodes;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * replay across nodes (RFC 9449 §11.1) over a real two-member Hazelcast cluster, with configurations the
 * README documents. Each test uses its own replay region.
 */
class ReplayRegionLifetimeTest {

    private static ClusterNodes nodes;
    private static JwksServer issuer;

    @BeforeAll
    static void start() {
        nodes = new ClusterNodes(2);
        issuer = JwksServer.start(TestKeys.RSA);
    }

    @AfterAll
    static void stop() {
        nodes.close();
        issuer.close();
    }

    private static String boundTo(PublicJsonWebKey key) throws Exception {
        return TestTokens.rs256().issuer(issuer.issuer())
                .claim("cnf", Map.of("jkt", key.calculateBase64urlEncodedThumbprint("SHA-256"))).build();
    }

    private static Pipeline node(int index, String replayRegion, String... settings) {
        var config = nodes.config(issuer.issuer()).with("bearer.dpop.replay.name", replayRegion);
        for (int i = 0; i < settings.length; i += 2) {
            config.with(settings[i], settings[i + 1]);
        }
        return new Pipeline(config.build(), Clock.systemUTC(), nodes.region(index));
    }

    /**
     * The region is looked up before it is created ({@code RegionHandle.lookUp}): a region that already exists keeps
     * the entry lifetime of whoever created it. A cluster that outlives a deployment (hazelcast-client, Payara's
     * grid), or a rolling update, keeps the old lifetime after bearer.dpop.proof-window or clock-skew is raised: the
     * entries then expire while their proofs still pass.
     */
    @Test
    void whenTheRegionWasCreatedUnderAShorterWindowThenAProofIsStillRefusedOnAnotherNodeWithinTheNewWindow()
            throws Exception {
        var region = "review-replay-lifetime";
        var before = node(0, region, "bearer.dpop.proof-window", "2s", "bearer.dpop.clock-skew", "0s");
        var token = boundTo(TestKeys.EC);
        before.respond(TestTokens.rs256().issuer(issuer.issuer()).build()); // keys fetched: the 2 s proof is in time
        assertThat(before.respond(dpop(token, proofFor(token).build()), Requirement.NONE).status()).isEqualTo(200);
        before.close();
        // redeployed with the default window (60 s + 2 x 10 s) on both nodes
        var first = node(0, region);
        var second = node(1, region);
        try {
            var proof = proofFor(token).build();
            assertThat(first.respond(dpop(token, proof), Requirement.NONE).status()).isEqualTo(200);
            Thread.sleep(4500); // the old entries lived 2 s + 1 s; well inside the new window

            var replayed = second.respond(dpop(token, proof), Requirement.NONE);

            assertThat(replayed.status()).as("the proof, replayed to the other node 4.5 s later").isEqualTo(401);
            assertThat(replayed.header("WWW-Authenticate").orElseThrow())
                    .contains("error_description=\"The DPoP proof has been used before\"");
        } finally {
            first.close();
            second.close();
        }
    }
}
