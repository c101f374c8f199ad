package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.bearerguard.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Even an authenticated entry (a node with the secret and a clock gone wrong, or an old entry put back) is used only
 * within bounds: nothing dated more than 5 s ahead, a key set no fresher than {@code max-ttl} and no larger than
 * {@code max-response-bytes}, a lease no longer than the lease time, a backoff no longer than {@code max-backoff}.
 * Settings here: max-ttl 1 h, max-response-bytes 1024, max-backoff 1 min, lease 3 s + 3 × 5 s + 1 s = 19 s.
 */
class BoundedEntriesTest {

    private final RegionFixture fixture = RegionFixture.open(RegionFixture.withSecret("bearer-guard-bounds-test")
            .with("bearer.jwks.max-ttl", "1h").with("bearer.jwks.max-response-bytes", "1024")
            .with("bearer.jwks.max-backoff", "1m"));
    private final MutableClock clock = fixture.clock();
    private final String regionKey = fixture.regionKey();
    private final IssuerRegion region = fixture.issuerRegion();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Instant now() {
        return clock.instant();
    }

    private void putKeySet(String jwks, Instant fetchedAt, Instant expiresAt) {
        region.publish(jwks, fetchedAt, expiresAt, 0);
    }

    @Test
    void whenAKeySetIsDatedMoreThanFiveSecondsAheadThenItIsIgnored() {
        putKeySet("{\"keys\":[]}", now().plusSeconds(4), now().plusSeconds(4).plus(Duration.ofMinutes(5)));
        assertThat(region.keySet()).isPresent();

        putKeySet("{\"keys\":[]}", now().plusSeconds(6), now().plusSeconds(6).plus(Duration.ofMinutes(5)));
        assertThat(region.keySet()).isEmpty();
        assertThat(region.rejectedEntries()).isEqualTo(1);
    }

    @Test
    void whenAKeySetIsFreshForLongerThanTheMaximumTtlOrExpiresBeforeItWasFetchedThenItIsIgnored() {
        putKeySet("{\"keys\":[]}", now(), now().plus(Duration.ofHours(1)));
        assertThat(region.keySet()).isPresent();

        putKeySet("{\"keys\":[]}", now(), now().plus(Duration.ofHours(1)).plusMillis(1));
        assertThat(region.keySet()).isEmpty();

        putKeySet("{\"keys\":[]}", now(), now().minusMillis(1));
        assertThat(region.keySet()).isEmpty();
    }

    @Test
    void whenAKeySetIsLargerThanTheLargestResponseReadThenItIsIgnored() {
        var padding = "é".repeat(503); // 2 bytes each in UTF-8
        putKeySet("{\"keys\":[],\"x\":\"" + padding + "\"}", now(), now().plus(Duration.ofMinutes(5)));
        assertThat(region.keySet()).isPresent(); // 1,024 bytes

        putKeySet("{\"keys\":[],\"x\":\"" + padding + "a\"}", now(), now().plus(Duration.ofMinutes(5)));
        assertThat(region.keySet()).isEmpty(); // 1,025 bytes (522 characters)
    }

    @Test
    void whenALeaseRunsLongerThanTheLeaseTimeThenItIsNoLeaseAndAnotherNodeTakesIt() {
        fixture.putSealed("lease " + regionKey, new Lease("other", now().plusSeconds(19 + 5)).encode());
        assertThat(region.leased()).isTrue();
        assertThat(region.tryLease("me")).isEmpty();

        fixture.putSealed("lease " + regionKey, new Lease("other", now().plusSeconds(19 + 6)).encode());
        assertThat(region.leased()).isFalse();
        assertThat(region.tryLease("me")).isPresent();
    }

    @Test
    void whenABackoffEndsFurtherAheadThanTheMaximumBackoffThenItIsIgnored() {
        region.backoff(new Backoff(now().plus(Duration.ofMinutes(1)).plusSeconds(5), 7));
        assertThat(region.backoff(0)).isPresent();

        region.backoff(new Backoff(now().plus(Duration.ofMinutes(1)).plusSeconds(6), 7));
        assertThat(region.backoff(0)).isEmpty();
    }

    @Test
    void whenTheUnknownKidAllowanceWasSpentInTheFutureThenItIsIgnoredAndMayBeSpentNow() {
        fixture.putSealed("unknown-kid " + regionKey, Long.toString(now().plusSeconds(5).toEpochMilli()));
        assertThat(region.takeUnknownKidAllowance()).isFalse(); // within the margin: spent just now

        fixture.putSealed("unknown-kid " + regionKey, Long.toString(now().plusSeconds(6).toEpochMilli()));
        assertThat(region.takeUnknownKidAllowance()).isTrue();
    }
}
