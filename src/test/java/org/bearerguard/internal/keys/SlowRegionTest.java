package org.bearerguard.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bearerguard.internal.region.BlockingRegion;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * A region that stops answering (a distributed cache whose members are gone): requests with known keys are served
 * at once, and no request waits past its own deadline. The region is held up by a latch, not by time: each request
 * must have ended while the region was still held.
 */
class SlowRegionTest extends ScenarioBase {

    /** Deadline: connect + 3 × read = 400 ms. */
    private TestConfig fastTimeouts() {
        return scenario.config().with("bearer.http.connect-timeout", "100ms").with("bearer.http.read-timeout", "100ms");
    }

    private static <T> T endsWithin30s(Callable<T> request) throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        try {
            return executor.submit(request).get(30, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void whenTheRegionStopsAnsweringThenRequestsWithKnownKeysAreStillServed() throws Exception {
        var config = scenario.config().build();
        try (var blocking = BlockingRegion.open(config.cache()); var p = new Pipeline(config, clock, blocking.region())) {
            var token = scenario.token(TestKeys.RSA, Duration.ofHours(1));
            assertThat(p.respond(token).status()).isEqualTo(200);
            blocking.block();
            clock.advance(Duration.ofMinutes(6)); // stale: every request now wants a refresh in the background

            var statuses = endsWithin30s(() -> {
                var answered = new ArrayList<Integer>();
                for (int i = 0; i < 20; i++) {
                    answered.add(p.respond(scenario.token(TestKeys.RSA, Duration.ofHours(1))).status());
                }
                return answered;
            });

            assertThat(statuses).hasSize(20).containsOnly(200);
            assertThat(blocking.held()).isPositive(); // the refresh did go to the region, and is held there
        }
    }

    @Test
    void whenTheRegionStopsAnsweringThenAFirstRequestEndsByItsDeadlineWith503() throws Exception {
        var config = fastTimeouts().build();
        try (var blocking = BlockingRegion.open(config.cache()); var p = new Pipeline(config, clock, blocking.region())) {
            blocking.block();

            var status = endsWithin30s(() -> p.respond(scenario.token(TestKeys.RSA, Duration.ofHours(1))).status());

            assertThat(status).isEqualTo(503);
            assertThat(blocking.held()).isPositive();
        }
    }

    @Test
    void whenTheRegionStopsAnsweringThenAnUnknownKidEndsByItsDeadline() throws Exception {
        var config = fastTimeouts().build();
        try (var blocking = BlockingRegion.open(config.cache()); var p = new Pipeline(config, clock, blocking.region())) {
            assertThat(p.respond(scenario.token(TestKeys.RSA, Duration.ofHours(1))).status()).isEqualTo(200);
            blocking.block();

            var response = endsWithin30s(() -> p.respond(scenario.token(TestKeys.RSA_ROTATED, Duration.ofHours(1))));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate").orElseThrow()).contains("The token signing key is unknown");
            assertThat(blocking.held()).isPositive();
        }
    }

    @Test
    void whenARegionOperationThrowsAnErrorThenUpkeepGoesOnAndTheNextRoundWorks() throws Exception {
        var config = scenario.config().build();
        try (var blocking = BlockingRegion.open(config.cache()); var p = new Pipeline(config, clock, blocking.region())) {
            assertThat(p.respond(scenario.token(TestKeys.RSA, Duration.ofHours(1))).status()).isEqualTo(200);
            blocking.failWith(new OutOfMemoryError("a region value larger than the heap"));

            assertThatCode(() -> p.keys().maintain()).doesNotThrowAnyException();

            blocking.failWith(null);
            issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);
            clock.advance(Duration.ofMinutes(4)); // 80 % of the TTL: the next round refreshes ahead
            p.keys().maintain();
            p.awaitIdle();
            assertThat(p.respond(scenario.token(TestKeys.RSA_ROTATED, Duration.ofHours(1))).status()).isEqualTo(200);
        }
    }
}
