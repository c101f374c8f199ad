package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Someone who can write to the region but lacks the secret: whatever they put there, no node takes their keys, and
 * no forged lease, backoff or allowance stops a node from fetching. (The in-process region stands in for a shared
 * one: the writer knows every entry's format and name, not the key the entries are authenticated with.)
 */
class RegionTamperingTest extends ScenarioBase {

    private static final long FAR_FUTURE_MILLIS = 4_102_444_800_000L; // 2100-01-01

    private TestConfig config() {
        // short timeouts: a node waiting for a (forged) lease gives up within a fraction of a second
        return scenario.config().with("bearer.jwks.fetch-at-startup", "false")
                .with("bearer.http.connect-timeout", "100ms").with("bearer.http.read-timeout", "200ms");
    }

    private IssuerConfig issuerConfig() {
        return config().build().issuers().get(0);
    }

    private String token() {
        return scenario.token(TestKeys.RSA, Duration.ofDays(1));
    }

    @Test
    void whenSomeoneRewritesTheKeySetWithTheirKeyThenTheirTokensAreRefusedAndTheIssuersStillPass() throws Exception {
        var p = pipeline(config());
        assertThat(p.authenticate(token()).getName()).isEqualTo("alice");
        var raw = RawCache.ehcache("bearer-guard-jwks");
        var key = RawCache.keySetKey(raw);
        var forged = RawCache.withJwks(raw.get(key), TestKeys.jwks(TestKeys.ATTACKER));
        raw.put(key, forged);

        try (var log = new LogCapture()) {
            p.keys().maintain();

            assertThat(p.respond(scenario.token(TestKeys.ATTACKER, Duration.ofDays(1))).header("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).contains(Reason.BAD_SIGNATURE.description()));
            assertThat(p.authenticate(token()).getName()).isEqualTo("alice");
            assertThat(log.lines()).filteredOn(l -> l.startsWith("WARNING")).singleElement().asString()
                    .contains("'" + key + "'").doesNotContain(forged.substring(forged.indexOf('{'), forged.indexOf('{') + 40));
        }
    }

    @Test
    void whenOneIssuersKeySetIsCopiedUnderAnothersNameThenTheOtherIssuerDoesNotTakeIt() throws Exception {
        try (var other = JwksServer.start(TestKeys.RSA_ROTATED)) {
            var p = pipeline(config().with("bearer.issuers.other.issuer", other.issuer()));
            var otherToken = TestTokens.signedBy(TestKeys.RSA_ROTATED, "RS256").issuer(other.issuer())
                    .claim("exp", clock.instant().plus(Duration.ofDays(1)).getEpochSecond()).build();
            assertThat(p.authenticate(otherToken).getName()).isEqualTo("alice");
            clock.advance(Duration.ofSeconds(1));
            assertThat(p.authenticate(token()).getName()).isEqualTo("alice");

            var raw = RawCache.ehcache("bearer-guard-jwks");
            var config = config().with("bearer.issuers.other.issuer", other.issuer()).build();
            var mine = config.issuers().get(0).regionKey();
            var theirs = config.issuers().get(1).regionKey();
            raw.put(theirs, raw.get(mine)); // the default issuer's key set, newer, under the other's name
            p.keys().maintain();

            // a token of the other issuer signed with the default issuer's key
            var crossed = TestTokens.signedBy(TestKeys.RSA, "RS256").issuer(other.issuer())
                    .claim("exp", clock.instant().plus(Duration.ofDays(1)).getEpochSecond()).build();
            assertThat(p.respond(crossed).header("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).contains(Reason.UNKNOWN_KEY.description()));
            assertThat(p.authenticate(otherToken).getName()).isEqualTo("alice");
        }
    }

    @Test
    void whenSomeonePutsALeaseThatNeverEndsThenANodeStillFetches() {
        var p = pipeline(config());
        RawCache.ehcache("bearer-guard-jwks").put("lease " + issuerConfig().regionKey(),
                "attacker " + FAR_FUTURE_MILLIS);

        assertThat(p.respond(token()).status()).isEqualTo(200);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenSomeonePutsABackoffThatNeverEndsThenANodeStillFetches() {
        var p = pipeline(config());
        RawCache.ehcache("bearer-guard-jwks").put("backoff " + issuerConfig().regionKey(),
                Long.toString(FAR_FUTURE_MILLIS));

        assertThat(p.respond(token()).status()).isEqualTo(200);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenSomeoneSpendsTheUnknownKidAllowanceInTheFutureThenARotatedInKeyIsStillFetched() throws Exception {
        var p = pipeline(config());
        assertThat(p.authenticate(token()).getName()).isEqualTo("alice");
        RawCache.ehcache("bearer-guard-jwks").put("unknown-kid " + issuerConfig().regionKey(),
                Long.toString(FAR_FUTURE_MILLIS));
        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);

        assertThat(p.authenticate(scenario.token(TestKeys.RSA_ROTATED, Duration.ofDays(1))).getName())
                .isEqualTo("alice");
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void whenSomeonePutsAValueLargerThanAnyOfOursThenItIsRemovedBeforeAnyoneAuthenticatesIt() {
        var p = pipeline(config());
        var raw = RawCache.ehcache("bearer-guard-jwks");
        var lease = "lease " + issuerConfig().regionKey();
        raw.put(lease, "x".repeat(2_000_000));

        try (var log = new LogCapture()) {
            assertThat(p.respond(token()).status()).isEqualTo(200);

            assertThat(log.lines()).filteredOn(l -> l.startsWith("WARNING")).singleElement().asString()
                    .contains("'" + lease + "'").contains("larger than any entry of ours");
        }
    }

    /** A forged value just under the size bound is authenticated once, then removed: not re-read every second. */
    @Test
    void whenAValueFailsItsMacThenItIsRemovedAfterOneRead() {
        var p = pipeline(config());
        assertThat(p.respond(token()).status()).isEqualTo(200);
        var raw = RawCache.ehcache("bearer-guard-jwks");
        var key = issuerConfig().regionKey();
        var forged = "A".repeat(43) + "." + "{\"jwks\":\"" + "x".repeat(100_000) + "\"}";
        raw.put(key, forged);

        p.keys().maintain();
        p.awaitIdle();

        assertThat(raw.containsKey(key)).as("the forged entry is still there").isFalse();
    }

    @Test
    void whenAnOlderSealedKeySetIsReplayedAfterTheRegionWasWipedThenNoNodeGoesBackToIt() throws Exception {
        var before = pipeline(config());
        assertThat(before.authenticate(token()).getName()).isEqualTo("alice");
        var raw = RawCache.ehcache("bearer-guard-jwks");
        for (int i = 0; i < 3; i++) { // refreshes ahead: the region's generation climbs
            clock.advance(Duration.ofMinutes(4));
            before.keys().maintain();
            before.awaitIdle();
        }
        var key = RawCache.keySetKey(raw);
        var recorded = raw.get(key); // sealed, publishing the key the issuer is about to remove

        issuer.publish(TestKeys.RSA_ROTATED); // the issuer drops TestKeys.RSA
        raw.removeAll(); // the whole cluster restarted: the region starts again from generation 1
        clock.advance(Duration.ofSeconds(30));
        var after = pipeline(config());
        assertThat(after.authenticate(scenario.token(TestKeys.RSA_ROTATED, Duration.ofDays(1))).getName())
                .isEqualTo("alice");
        raw.put(key, recorded); // a higher generation than the region holds now, still fresh, correctly sealed

        after.keys().maintain();

        assertThat(after.respond(token()).status()).isEqualTo(401);
    }
}
