package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * Someone without the secret who kept copies of sealed entries puts them back for a node that has no keys yet (a
 * restarted node, or every node after the whole cluster restarted): a key set the issuer has since replaced, and a
 * lease to keep that node from fetching. A node starts only from a fresh key set, and waits for a lease holder for
 * no longer than a real one could take.
 */
class ReplayedKeySetTest extends ScenarioBase {

    /** The issuer's key set with {@code TestKeys.RSA}, sealed, copied out of the region before the issuer drops it. */
    private String recorded;
    private String keySetName;

    private TestConfig config() {
        return scenario.config().with("bearer.jwks.fetch-at-startup", "false");
    }

    private String token(org.jose4j.jwk.PublicJsonWebKey key) {
        return scenario.token(key, Duration.ofDays(1));
    }

    /** A node serves the issuer's keys; their sealed entry is copied; the issuer drops RSA; an hour passes. */
    private org.bearerguard.testing.Pipeline recordThenRotate(TestConfig config) throws Exception {
        var running = pipeline(config);
        assertThat(running.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
        var raw = RawCache.ehcache("bearer-guard-jwks");
        keySetName = RawCache.keySetKey(raw);
        recorded = raw.get(keySetName);
        issuer.publish(TestKeys.RSA_ROTATED);
        clock.advance(Duration.ofHours(1)); // the issuer was up all along
        return running;
    }

    @Test
    void whenAKeySetRecordedBeforeAClusterRestartIsPutBackThenTheKeyTheIssuerDroppedIsRefused() throws Exception {
        recordThenRotate(config());
        var raw = RawCache.ehcache("bearer-guard-jwks");
        raw.removeAll(); // the whole cluster restarts

        var after = pipeline(config());
        raw.put(keySetName, recorded);

        assertThat(after.respond(token(TestKeys.RSA)).status()).isEqualTo(401);
        assertThat(after.respond(token(TestKeys.RSA_ROTATED)).status()).isEqualTo(200);
    }

    @Test
    void whenAKeySetRecordedBeforeARotationIsPutBackForARestartingNodeThenTheDroppedKeyIsRefused() throws Exception {
        var running = recordThenRotate(config());
        assertThat(running.respond(token(TestKeys.RSA_ROTATED)).status()).isEqualTo(200);
        running.awaitIdle();

        var restarted = pipeline(config());
        RawCache.ehcache("bearer-guard-jwks").put(keySetName, recorded);

        assertThat(restarted.respond(token(TestKeys.RSA)).status()).isEqualTo(401);
    }

    /**
     * A lease taken by a node mid-fetch, copied, and put back beside the old key set after its holder let it go:
     * the restarted node waits for that "holder" no longer than a real one could take, then fetches itself. The
     * clock stands still, so the copied lease never runs out by time.
     */
    @Test
    void whenACopiedLeaseIsPutBackBesideAnOldKeySetThenTheRestartedNodeStillFetchesTheIssuersKeys() throws Exception {
        var fast = config().with("bearer.http.connect-timeout", "500ms").with("bearer.http.read-timeout", "500ms");
        var running = recordThenRotate(fast);
        var raw = RawCache.ehcache("bearer-guard-jwks");
        issuer.delay(300);
        var fetching = CompletableFuture.runAsync(() -> running.respond(token(TestKeys.RSA_ROTATED)));
        String lease = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); lease == null; ) {
            lease = raw.get("lease " + keySetName); // sealed, and running: its holder is fetching
            assertThat(System.nanoTime()).as("a lease within 30 s").isLessThan(end);
            Thread.onSpinWait();
        }
        fetching.get();
        running.awaitIdle();
        issuer.delay(0);

        var restarted = pipeline(fast);
        raw.put(keySetName, recorded);
        raw.put("lease " + keySetName, lease);

        int served = 0;
        for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; ) {
            assertThat(restarted.respond(token(TestKeys.RSA)).status()).isNotEqualTo(200);
            if (restarted.respond(token(TestKeys.RSA_ROTATED)).status() == 200) {
                served++;
                break;
            }
        }
        assertThat(served).as("the issuer's current key served within 30 s").isEqualTo(1);
    }

    /** The stale set still serves an outage: a new node takes it once its own fetch failed, within max-staleness. */
    @Test
    void whenTheIssuerIsDownThenANewNodeStartsFromTheRegionsStaleKeySetWithinTheMaximumStaleness() throws Exception {
        assertThat(pipeline(config()).authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
        clock.advance(Duration.ofHours(1)); // stale (5 min TTL), well within the 12 h of max-staleness
        issuer.down(true);

        var starting = pipeline(config());
        var first = starting.respond(token(TestKeys.RSA)).status(); // its own fetch fails first
        starting.awaitIdle();

        assertThat(first).isIn(200, 503);
        assertThat(starting.respond(token(TestKeys.RSA)).status()).isEqualTo(200);
        assertThat(issuer.jwksRequests() + issuer.discoveryRequests()).isGreaterThan(1); // it did try itself
    }

    @Test
    void whenTheIssuerIsDownAndTheRegionsKeySetIsPastTheMaximumStalenessThenANewNodeAnswers503() throws Exception {
        pipeline(config()).authenticate(token(TestKeys.RSA));
        clock.advance(Duration.ofHours(13));
        issuer.down(true);

        var starting = pipeline(config());
        starting.respond(token(TestKeys.RSA));
        starting.awaitIdle();

        assertThat(starting.respond(token(TestKeys.RSA)).status()).isEqualTo(503);
    }

    @Test
    void whenANodeStartsDuringAnOutageAndItsStartupFetchFailsThenItServesTheRegionsStaleKeySet() throws Exception {
        var serving = pipeline(scenario.config());
        assertThat(serving.respond(token(TestKeys.RSA)).status()).isEqualTo(200);
        serving.awaitIdle();
        clock.advance(Duration.ofHours(1));
        issuer.down(true);

        var starting = pipeline(scenario.config()); // fetch-at-startup: its upkeep fetches, and fails
        starting.keys().maintain();
        starting.awaitIdle();

        assertThat(starting.respond(token(TestKeys.RSA)).status()).isEqualTo(200);
    }

    @Test
    void whenANodeStartsWhileTheClusterBacksOffThenItServesTheRegionsStaleKeySet() throws Exception {
        var serving = pipeline(config());
        assertThat(serving.respond(token(TestKeys.RSA)).status()).isEqualTo(200);
        serving.awaitIdle();
        clock.advance(Duration.ofHours(1));
        issuer.down(true);
        serving.keys().maintain(); // its refresh fails: the cluster backs off
        serving.awaitIdle();

        var starting = pipeline(config());

        assertThat(starting.respond(token(TestKeys.RSA)).status()).isEqualTo(200);
    }

    /**
     * A backoff only lets a node with no keys fall back on a stale key set as new as the one the failing node held:
     * an older sealed set put back beside a real backoff is not taken.
     */
    @Test
    void whenAnOlderKeySetIsPutBackWhileTheClusterBacksOffThenANewNodeDoesNotTakeIt() throws Exception {
        var running = recordThenRotate(config());
        assertThat(running.respond(token(TestKeys.RSA_ROTATED)).status()).isEqualTo(200); // generation 2, no RSA
        running.awaitIdle();
        clock.advance(Duration.ofHours(1));
        issuer.down(true);
        running.keys().maintain(); // fails: a backoff of generation 2
        running.awaitIdle();

        var starting = pipeline(config());
        RawCache.ehcache("bearer-guard-jwks").put(keySetName, recorded); // generation 1, with RSA

        assertThat(starting.respond(token(TestKeys.RSA)).status()).isNotEqualTo(200);
    }
}
