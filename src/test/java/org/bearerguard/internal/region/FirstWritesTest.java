package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bearerguard.testing.ClusterNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names written once across a cluster (used DPoP proofs): of two nodes, one is first; and nothing written is
 * evicted to make room, since a forgotten name could be written again (a replayed proof accepted).
 */
class FirstWritesTest {

    private static ClusterNodes nodes;

    @BeforeAll
    static void start() {
        nodes = new ClusterNodes(2);
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    private static FirstWrites on(int node, String region) {
        return nodes.region(node).firstWrites(region, Duration.ofMinutes(5), "acts alone");
    }

    @Test
    void whenTwoNodesWriteTheSameNameThenOnlyTheFirstIsFirst() {
        assertThat(on(0, "first-writes-a").first("proof-1")).isTrue();
        assertThat(on(1, "first-writes-a").first("proof-1")).isFalse();
        assertThat(on(1, "first-writes-a").first("proof-2")).isTrue();
    }

    @Test
    void whenFarMoreNamesAreWrittenThanHazelcastKeepsByDefaultThenTheFirstIsStillRemembered() {
        // Hazelcast's JCache evicts beyond 10,000 entries unless the cache is created otherwise
        var writes = on(0, "first-writes-b");
        writes.first("the first proof");
        for (int i = 0; i < 25_000; i++) {
            writes.first("proof " + i);
        }

        assertThat(on(1, "first-writes-b").first("the first proof")).isFalse();
    }
}
