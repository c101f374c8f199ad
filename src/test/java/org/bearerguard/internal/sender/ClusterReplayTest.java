package org.bearerguard.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.testing.TestRequests.dpop;
import static org.bearerguard.testing.TestRequests.proofFor;

import java.util.Map;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.ClusterNodes;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replay across processes (RFC 9449 §11.1): two nodes of one Hazelcast cluster, each its own pipeline over its own
 * member. A proof accepted by one node is refused by the other; with the cluster gone, each node still refuses
 * what it accepted itself.
 */
class ClusterReplayTest {

    private static ClusterNodes nodes;
    private static JwksServer issuer;
    private static Pipeline first;
    private static Pipeline second;

    @BeforeAll
    static void start() {
        nodes = new ClusterNodes(2);
        issuer = JwksServer.start(TestKeys.RSA);
        first = new Pipeline(nodes.config(issuer.issuer()).build(), java.time.Clock.systemUTC(), nodes.region(0));
        second = new Pipeline(nodes.config(issuer.issuer()).build(), java.time.Clock.systemUTC(), nodes.region(1));
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        nodes.close();
        issuer.close();
    }

    private static String boundToken() throws Exception {
        return TestTokens.rs256().issuer(issuer.issuer())
                .claim("cnf", Map.of("jkt", TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256"))).build();
    }

    @Test
    void whenAProofAcceptedByOneNodeIsSentToAnotherThenItIsRefusedThere() throws Exception {
        var token = boundToken();
        var proof = proofFor(token).build();

        assertThat(first.respond(dpop(token, proof), Requirement.NONE).status()).isEqualTo(200);
        var replayed = second.respond(dpop(token, proof), Requirement.NONE);

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.header("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_dpop_proof\", error_description=\"The DPoP proof has been used before\"");
        assertThat(second.respond(dpop(token, proofFor(token).build()), Requirement.NONE).status()).isEqualTo(200);
    }
}
