package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.bearerguard.testing.AllAtOnce;
import org.bearerguard.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key set enters the region with the next generation, by compare-and-set: the order of key sets is the order in
 * which they were published, whatever the clocks of the nodes that fetched them say.
 */
class KeySetPublishingTest {

    private static final String JWKS = "{\"keys\":[]}";

    private final RegionFixture fixture = RegionFixture.open(RegionFixture.config("bearer-guard-publish-test"));
    private final MutableClock clock = fixture.clock();
    private final IssuerRegion region = fixture.issuerRegion();

    @AfterEach
    void close() {
        fixture.close();
    }

    private CachedJwks publish(Instant fetchedAt, long after) {
        return region.publish(JWKS, fetchedAt, fetchedAt.plus(Duration.ofMinutes(5)), after);
    }

    @Test
    void whenKeySetsArePublishedThenEachHasTheNextGenerationWhateverItsDate() {
        var first = publish(clock.instant(), 0);
        var second = publish(clock.instant().minusSeconds(60), 0); // fetched by a node whose clock is behind

        assertThat(first.generation()).isEqualTo(1);
        assertThat(second.generation()).isEqualTo(2);
        assertThat(region.keySet()).contains(second);
    }

    @Test
    void whenThePublisherHoldsAHigherGenerationThanTheRegionThenTheNewOneIsAboveIt() {
        publish(clock.instant(), 0);

        // the region lost its entries (evicted, restarted, deleted) while this node kept generation 7
        assertThat(publish(clock.instant(), 7).generation()).isEqualTo(8);
        assertThat(region.keySet().orElseThrow().generation()).isEqualTo(8);
    }

    @Test
    void whenManyNodesPublishAtOnceThenNoGenerationIsWrittenTwice() throws Exception {
        var calls = new ArrayList<Callable<Long>>();
        for (int i = 0; i < 20; i++) {
            var node = fixture.issuerRegion();
            calls.add(() -> node.publish(JWKS, clock.instant(), clock.instant().plusSeconds(300), 0).generation());
        }

        var generations = AllAtOnce.run(calls);

        assertThat(generations).doesNotHaveDuplicates().allSatisfy(g -> assertThat(g).isBetween(1L, 20L));
        assertThat(region.keySet().orElseThrow().generation()).isEqualTo(20);
    }

    @Test
    void whenTheRegionHoldsAGenerationBeyondTheRangeThenTheNextKeySetStaysWithinIt() {
        var beyond = new CachedJwks(JWKS, EntryBounds.MAX_GENERATION + 1, clock.instant(), clock.instant());
        fixture.putSealed(fixture.regionKey(), beyond.encode());

        assertThat(publish(clock.instant(), 3).generation()).isEqualTo(4);
        assertThat(region.keySet().orElseThrow().generation()).isEqualTo(4);
    }

    @Test
    void whenTheRegionFailsThenPublishingGivesTheKeySetTheNextGenerationForThisNodeAlone() {
        fixture.close(); // the cache manager is gone: every operation fails

        var local = publish(clock.instant(), 4);

        assertThat(local).isEqualTo(new CachedJwks(JWKS, 5, local.fetchedAt(), local.expiresAt()));
        assertThat(region.keySet()).isEmpty();
    }

    @Test
    void whenSomeoneElsesValueHoldsTheKeySetsPlaceThenPublishingReplacesIt() {
        fixture.raw().put(fixture.regionKey(), "not one of ours");

        assertThat(publish(clock.instant(), 0).generation()).isEqualTo(1);
        assertThat(region.keySet().orElseThrow().generation()).isEqualTo(1);
    }

    @Test
    void whenAnEntryWithAnEtagOrWithoutAGenerationIsDecodedThenTheEtagIsDroppedAndNoGenerationIsUnreadable() {
        var withEtag = "{\"jwks\":\"{}\",\"generation\":3,\"fetchedAt\":1000,\"expiresAt\":2000,\"etag\":\"\\\"v1\\\"\"}";
        var withoutGeneration = "{\"jwks\":\"{}\",\"fetchedAt\":1000,\"expiresAt\":2000}";

        assertThat(CachedJwks.decode(withEtag))
                .contains(new CachedJwks("{}", 3, Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000)));
        assertThat(CachedJwks.decode(withoutGeneration)).isEmpty();
        assertThat(new CachedJwks("{}", 3, Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000)).encode())
                .isEqualTo("{\"jwks\":\"{}\",\"generation\":3,\"fetchedAt\":1000,\"expiresAt\":2000}");
    }
}
