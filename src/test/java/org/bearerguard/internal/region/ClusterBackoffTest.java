package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's backoff says until when no node tries the issuer and after how many failures in a row, so that the
 * wait keeps doubling while nodes take turns failing.
 */
class ClusterBackoffTest {

    private static final String REGION = "bearer-guard-backoff-test";

    private final MutableClock clock = new MutableClock();
    private final BearerConfig config = TestConfig.issuer("https://id.example").with("bearer.cache.name", REGION)
            .with("bearer.cache.secret", "the cache secret of this test, 32 bytes or more").build();
    private final JwksRegion shared = JwksRegion.open(config.cache());
    private final IssuerRegion nodeA = shared.forIssuer(config.issuers().get(0), clock);
    private final IssuerRegion nodeB = shared.forIssuer(config.issuers().get(0), clock);

    @AfterEach
    void close() {
        shared.close();
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
        var name = "backoff " + config.issuers().get(0).regionKey();
        var until = clock.instant().plus(Duration.ofSeconds(5)).toEpochMilli();
        RawCache.ehcache(REGION).put(name, EntrySeal.of(config.cache()).seal(name, until + " 0"));

        assertThat(nodeA.backoff(0)).isEmpty();
        assertThat(nodeA.rejectedEntries()).isEqualTo(1);
    }

    @Test
    void whenABackoffRecordedBeforeALaterKeySetIsReplayedThenNoNodeHoldingThatKeySetWaits() {
        var name = "backoff " + config.issuers().get(0).regionKey();
        var until = clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        nodeA.backoff(new Backoff(until, 1, 3)); // failed while holding generation 3
        var recorded = RawCache.ehcache(REGION).get(name);
        nodeB.clearBackoff(); // then a fetch succeeded: generation 4 is published

        RawCache.ehcache(REGION).put(name, recorded); // replayed by someone without the secret

        assertThat(nodeA.backoff(4)).isEmpty();
        assertThat(nodeA.backoff(3)).contains(new Backoff(until, 1, 3));
        assertThat(nodeA.rejectedEntries()).isZero();
    }
}
