package org.bearerguard.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Three OpenLiberty servers whose applications are clients of one Hazelcast member process. */
class LibertyClusterIT extends ClusterScenarios {

    @BeforeAll
    static void start() throws Exception {
        var work = workDirectory("liberty");
        startIssuers();
        startCluster(new LibertyCluster(work), work);
    }

    /** After the cache was lost (the test before), a new member on the same address: the nodes rejoin. */
    @Test
    @Order(90)
    void whenTheHazelcastMemberComesBackThenTheNodesShareTheRegionAgain() throws Exception {
        var serving = List.copyOf(nodes.subList(1, nodes.size()));
        ((LibertyCluster) cluster).startMember();
        var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (serving.stream().anyMatch(n -> n.process().logLines("bearer-guard-jwks' works again") == 0)) {
            assertThat(System.nanoTime()).as("nodes back on the region within 90 s").isLessThan(deadline);
            ServerProcess.sleep(250);
        }
        var before = issuer.jwksRequests();
        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED, TestKeys.RSA_NEXT, TestKeys.EC);
        var es256 = TestTokens.signedBy(TestKeys.EC, "ES256").issuer(issuer.issuer())
                .expiresIn(Duration.ofMinutes(10)).build();

        assertThat(together(serving, es256, 10)).isEmpty();

        counts.put("member back, a new kid on 2 nodes × 10 concurrent requests: JWKS fetches",
                issuer.jwksRequests() - before);
        assertThat(issuer.jwksRequests() - before).isEqualTo(1);
    }
}
