package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.bearerguard.internal.dpop.Replays.Outcome;
import org.bearerguard.testing.AllAtOnce;
import org.bearerguard.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** A process's own replay store: each proof once, bounded per key and in total, never by forgetting a live proof. */
class LocalReplaysTest {

    private final MutableClock clock = new MutableClock();

    private java.time.Instant inSeconds(long seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    @Test
    void whenAProofIsSeenTwiceWithinItsWindowThenTheSecondIsAReplay() {
        var replays = new LocalReplays(10, 10, clock);

        assertThat(replays.firstUse("p1", "key", inSeconds(60))).isEqualTo(Outcome.FIRST);
        assertThat(replays.firstUse("p1", "key", inSeconds(60))).isEqualTo(Outcome.REPLAYED);
        assertThat(replays.firstUse("p2", "key", inSeconds(60))).isEqualTo(Outcome.FIRST);
    }

    @Test
    void whenOneKeyHasAllItsPlacesThenOnlyThatKeyIsRefusedUntilItsProofsAgeOut() {
        var replays = new LocalReplays(10, 2, clock);
        replays.firstUse("a1", "a", inSeconds(60));
        replays.firstUse("a2", "a", inSeconds(60));

        assertThat(replays.firstUse("a3", "a", inSeconds(60))).isEqualTo(Outcome.KEY_FULL);
        assertThat(replays.firstUse("b1", "b", inSeconds(60))).isEqualTo(Outcome.FIRST);

        clock.advance(Duration.ofSeconds(62));
        assertThat(replays.firstUse("a3", "a", inSeconds(60))).isEqualTo(Outcome.FIRST);
    }

    @Test
    void whenTheStoreIsFullThenEveryNewProofIsRefusedAndNoLiveProofIsForgotten() {
        var replays = new LocalReplays(3, 10, clock);
        for (var p : new String[] {"p1", "p2", "p3"}) {
            replays.firstUse(p, p, inSeconds(60));
        }

        assertThat(replays.firstUse("p4", "p4", inSeconds(60))).isEqualTo(Outcome.FULL);
        assertThat(replays.firstUse("p1", "p1", inSeconds(60))).isEqualTo(Outcome.REPLAYED);
        assertThat(replays.size()).isEqualTo(3);
    }

    @Test
    void whenProofsAgeOutThenTheirPlacesAreFreedAndTheyAreForgotten() {
        var replays = new LocalReplays(2, 10, clock);
        replays.firstUse("p1", "k", inSeconds(10));
        replays.firstUse("p2", "k", inSeconds(60));

        clock.advance(Duration.ofSeconds(11));

        assertThat(replays.firstUse("p3", "k", inSeconds(60))).isEqualTo(Outcome.FIRST);
        assertThat(replays.firstUse("p2", "k", inSeconds(60))).isEqualTo(Outcome.REPLAYED);
        assertThat(replays.size()).isEqualTo(2);
    }

    @Test
    void whenManyRequestsBringTheSameProofAtOnceThenExactlyOneIsFirst() throws Exception {
        var replays = new LocalReplays(1000, 1000, clock);
        var calls = new ArrayList<Callable<Outcome>>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> replays.firstUse("same", "k", inSeconds(60)));
        }

        var outcomes = AllAtOnce.run(calls);

        assertThat(outcomes).containsOnlyOnce(Outcome.FIRST);
        assertThat(outcomes.stream().filter(o -> o == Outcome.REPLAYED)).hasSize(15);
        assertThat(replays.size()).isEqualTo(1);
    }
}
