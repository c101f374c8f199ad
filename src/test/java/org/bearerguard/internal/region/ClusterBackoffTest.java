package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.bearerguard.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's backoff says until when no node tries the issuer and after how many failures in a row, so that the
 * wait keeps doubling while nodes take turns failing.
 */
class ClusterBackoffTest {

    private final RegionFixture fixture = RegionFixture.open(RegionFixture.withSecret("bearer-guard-backoff-test"));
    private final MutableClock clock = fixture.clock();
    private final IssuerRegion nodeA = fixture.issuerRegion();
    private final IssuerRegion nodeB = fixture.issuerRegion();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenANodeRecordsABackoffThenAnotherReadsUntilWhenAndAfterHowManyFailures() {
        var until = clock.instant().plusSeconds(20).truncatedTo(ChronoUnit.MILLIS);

        nodeA.backoff(new Backoff(until, 3, 2));

        assertThat(nodeB.backoff(2)).contains(new Backoff(until, 3, 2));
    }

    @Test
    void whenTheBackoffIsClearedThenNoNodeBacksOff() {
        nodeA.backoff(new Backoff(clock.instant().plusSeconds(5), 1));

        nodeB.clearBackoff();

        assertThat(nodeA.backoff(0)).isEmpty();
    }

    @Test
    void whenABackoffCountsNoFailureThenItIsIgnored() {
        var until = clock.instant().plus(Duration.ofSeconds(5)).toEpochMilli();
        fixture.putSealed("backoff " + fixture.regionKey(), until + " 0");

        assertThat(nodeA.backoff(0)).isEmpty();
        assertThat(nodeA.rejectedEntries()).isEqualTo(1);
    }

    @Test
    void whenABackoffRecordedBeforeALaterKeySetIsReplayedThenNoNodeHoldingThatKeySetWaits() {
        var name = "backoff " + fixture.regionKey();
        var until = clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        nodeA.backoff(new Backoff(until, 1, 3)); // failed while holding generation 3
        var recorded = fixture.raw().get(name);
        nodeB.clearBackoff(); // then a fetch succeeded: generation 4 is published

        fixture.raw().put(name, recorded); // replayed by someone without the secret

        assertThat(nodeA.backoff(4)).isEmpty();
        assertThat(nodeA.backoff(3)).contains(new Backoff(until, 1, 3));
        assertThat(nodeA.rejectedEntries()).isZero();
    }
}
