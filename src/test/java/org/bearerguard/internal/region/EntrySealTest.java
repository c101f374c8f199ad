package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Region entries are authenticated with the cache secret over their name and value: another secret, a value moved
 * under another name or a value of someone else's is ignored, counted and reported once an hour by name only.
 */
class EntrySealTest {

    private static final String SECRET = "the cache secret of this test, 32 bytes or more";
    private static final String REGION = "bearer-guard-seal-test";

    private final MutableClock clock = new MutableClock();
    private final List<JwksRegion> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(JwksRegion::close);
    }

    private BearerConfig config(String secret) {
        var config = TestConfig.issuer("https://id.example").with("bearer.cache.name", REGION);
        return (secret == null ? config : config.with("bearer.cache.secret", secret)).build();
    }

    private IssuerRegion issuerRegion(BearerConfig config) {
        var region = JwksRegion.open(config.cache());
        open.add(region);
        return region.forIssuer(config.issuers().get(0), clock);
    }

    private String regionKey() {
        return config(SECRET).issuers().get(0).regionKey();
    }

    private static void publish(IssuerRegion region, Instant at) {
        region.publish("{\"keys\":[]}", at, at.plus(Duration.ofMinutes(5)), 0);
    }

    @Test
    void whenAnEntryWasWrittenWithAnotherSecretThenItIsIgnored() {
        var theirs = issuerRegion(config("another secret, also of 32 bytes or more"));
        var mine = issuerRegion(config(SECRET));

        publish(theirs, clock.instant());

        assertThat(mine.keySet()).isEmpty();
        assertThat(mine.rejectedEntries()).isEqualTo(1);
        assertThat(RawCache.ehcache(REGION).containsKey(regionKey())).as("removed once it failed").isFalse();
    }

    @Test
    void whenAnAuthenticatedValueIsCopiedUnderAnotherNameThenItIsIgnored() {
        var config = TestConfig.issuer("https://id.example").with("bearer.issuers.other.issuer", "https://other.example")
                .with("bearer.cache.name", REGION).with("bearer.cache.secret", SECRET).build();
        var region = JwksRegion.open(config.cache());
        open.add(region);
        var mine = region.forIssuer(config.issuers().get(0), clock);
        var other = region.forIssuer(config.issuers().get(1), clock);
        var raw = RawCache.ehcache(REGION);
        assertThat(mine.takeUnknownKidAllowance()).isTrue();

        // the same kind of entry, MAC and all, under the other issuer's name: "just spent" there too?
        raw.put("unknown-kid " + config.issuers().get(1).regionKey(), raw.get("unknown-kid " + regionKey()));

        assertThat(other.takeUnknownKidAllowance()).isTrue();
        assertThat(other.rejectedEntries()).isEqualTo(1);
    }

    @Test
    void whenEntriesAreIgnoredThenOneWarningAnHourNamesTheEntryButNeverShowsItsValue() {
        var region = issuerRegion(config(SECRET));
        var raw = RawCache.ehcache(REGION);
        var forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA." + Long.MAX_VALUE;

        try (var log = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                raw.put("backoff " + regionKey(), forged); // again: each forged value is removed once read
                assertThat(region.backoff(0)).isEmpty();
                clock.advance(Duration.ofMinutes(10));
            }
            clock.advance(Duration.ofMinutes(30));
            raw.put("backoff " + regionKey(), forged);
            assertThat(region.backoff(0)).isEmpty();

            var warnings = log.lines().stream().filter(l -> l.startsWith("WARNING")).toList();
            assertThat(warnings).containsExactly(warning(1), warning(4));
            assertThat(log.lines()).noneMatch(l -> l.contains(forged) || l.contains(SECRET));
            assertThat(region.rejectedEntries()).isEqualTo(4);
        }
    }

    private String warning(int ignoredSoFar) {
        return "WARNING bearer-guard: ignoring the entry 'backoff " + regionKey() + "' of JCache region '" + REGION
                + "': not authenticated with this application's bearer.cache.secret (" + ignoredSoFar + " ignored so"
                + " far; reported at most once an hour). Something other than this application's nodes writes to the"
                + " cache, or the nodes do not share one bearer.cache.secret";
    }

    @Test
    void whenEhcacheHasNoSecretThenItsOwnEntriesAreReadAndNobodyElsesAre() {
        var region = issuerRegion(config(null));
        var raw = RawCache.ehcache(REGION);

        publish(region, clock.instant());
        assertThat(region.keySet()).isPresent();

        var stored = raw.get(regionKey());
        raw.put(regionKey(), "." + stored.substring(stored.indexOf('.') + 1)); // the same entry, unauthenticated
        assertThat(region.keySet()).isEmpty();
    }

    @Test
    void whenEntriesAreUnauthenticatedByChoiceThenAnyWellFormedValueIsRead() {
        var config = TestConfig.issuer("https://id.example").with("bearer.cache.name", REGION)
                .with("bearer.cache.unauthenticated", "true").build();
        var region = issuerRegion(config);

        RawCache.ehcache(REGION).put("backoff " + regionKey(), "." + clock.instant().toEpochMilli() + " 1");

        assertThat(region.backoff(0)).contains(new Backoff(Instant.ofEpochMilli(clock.instant().toEpochMilli()), 1));
    }
}
