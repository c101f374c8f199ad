package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bearerguard.testing.ClusterNodes;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Used DPoP proofs are asked of the region and its answer is waited for, however slow: a region that answers late
 * must never be taken for one that says "first" (a proof another node accepted would pass here).
 */
class SlowReplayRegionTest {

    private final BlockingRegion region = BlockingRegion.openShared(TestConfig.issuer("https://id.example.com")
            .with("bearer.cache.secret", ClusterNodes.SECRET).build().cache());

    @AfterEach
    void close() {
        region.release();
        region.close();
    }

    @Test
    void whenTheRegionAnswersLateThenAProofWrittenBeforeIsStillNotFirst() throws Exception {
        var writes = region.region().firstWrites("slow-replays", Duration.ofMinutes(5), "acts alone");
        assertThat(writes.first("proof-1")).isTrue();
        region.block();

        var answer = CompletableFuture.supplyAsync(() -> writes.first("proof-1"));

        // past the 1 s a request-path introspection look-up gets: the replay check still waits for the answer
        assertThatThrownBy(() -> answer.get(2, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        region.release();
        assertThat(answer.get(30, TimeUnit.SECONDS)).isFalse();
    }
}
