package org.bearerguard.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** When a key source may go to the network: backoff after failures, and the unknown-kid allowance. */
class AttemptGateTest {

    private final AttemptGate gate = new AttemptGate(TestConfig.issuer("https://id.example")
            .with("bearer.jwks.retry-interval", "5s").with("bearer.jwks.max-backoff", "30s")
            .build().issuers().get(0).keys());
    private final Instant t0 = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void whenNothingFailedThenAnAttemptMayStartAnyTime() {
        gate.started(t0);
        gate.ended(true);

        assertThat(gate.mayAttempt(t0)).isTrue();
    }

    @Test
    void whenAttemptsKeepFailingThenTheWaitDoublesUpToTheMaximumBackoff() {
        var waits = new java.util.ArrayList<Duration>();
        var now = t0;
        for (int i = 0; i < 6; i++) {
            gate.started(now);
            gate.ended(false);
            waits.add(Duration.between(now, gate.nextAttemptAt()));
            now = gate.nextAttemptAt();
        }

        assertThat(waits).extracting(Duration::toSeconds).containsExactly(5L, 10L, 20L, 30L, 30L, 30L);
        assertThat(gate.untilNextAttempt(now.minusSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void whenAnAttemptSucceedsThenTheOutageEndsAtOnce() {
        gate.started(t0);
        gate.ended(false);
        gate.started(t0.plusSeconds(5));

        assertThat(gate.ended(true)).isEqualTo(1);
        assertThat(gate.mayAttempt(t0.plusSeconds(5))).isTrue();
    }

    @Test
    void whenAnUnknownKidUsedTheAllowanceThenTheNextOneWaitsForTheMinimumInterval() {
        assertThat(gate.takeUnknownKidRefresh(t0)).isTrue();
        assertThat(gate.takeUnknownKidRefresh(t0.plusSeconds(29))).isFalse();
        assertThat(gate.takeUnknownKidRefresh(t0.plusSeconds(30))).isTrue();
    }

    @Test
    void whenTheIssuerIsFailingThenUnknownKidsWaitForTheBackoffToo() {
        gate.started(t0);
        gate.ended(false);

        assertThat(gate.takeUnknownKidRefresh(t0.plusSeconds(1))).isFalse();
        assertThat(gate.takeUnknownKidRefresh(t0.plusSeconds(5))).isTrue();
    }
}
