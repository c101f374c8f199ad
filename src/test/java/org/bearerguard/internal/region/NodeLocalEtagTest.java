package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * An ETag belongs to the content the node that fetched it received: the region's key set carries none, so a node
 * that adopted the key set from the region asks the issuer for the keys outright rather than "not modified since"
 * a tag it never received (a 304 would re-date whatever content sat in the region beside that tag).
 */
class NodeLocalEtagTest extends ScenarioBase {

    @Test
    void whenTheIssuerSendsAnEtagThenTheRegionEntryHasNoneAndAnAdoptingNodeRefreshesUnconditionally()
            throws Exception {
        issuer.etags(true);
        TestConfig config = scenario.config().with("bearer.jwks.fetch-at-startup", "false");
        var fetching = pipeline(config);
        var adopting = pipeline(config);
        var token = scenario.token(TestKeys.RSA, Duration.ofDays(1));
        fetching.authenticate(token);
        assertThat(adopting.authenticate(token).getName()).isEqualTo("alice");
        assertThat(issuer.jwksRequests()).isEqualTo(1);

        var raw = RawCache.ehcache("bearer-guard-jwks");
        assertThat(raw.get(RawCache.keySetKey(raw))).doesNotContain("etag");

        clock.advance(Duration.ofMinutes(4)); // 80 % of the 5 min default TTL: refresh ahead
        adopting.keys().maintain();
        adopting.awaitIdle();

        assertThat(issuer.jwksRequests()).isEqualTo(2);
        assertThat(issuer.notModifiedResponses()).isZero();
    }

    /**
     * RFC 9110 §8.8.3: a tag names one representation. New content that came without one has none, and the tag of the
     * content before it must not be sent as if it named the new one (an issuer whose content comes back to the old
     * tag's would answer 304 and re-date keys it no longer serves).
     */
    @Test
    void whenNewContentArrivesWithoutAnEtagThenTheOldEtagIsNeverSentAgain() throws Exception {
        issuer.etags(true);
        var node = pipeline(scenario.config().with("bearer.jwks.fetch-at-startup", "false"));
        node.authenticate(scenario.token(TestKeys.RSA, Duration.ofDays(1))); // content A with its tag
        issuer.etags(false).publish(TestKeys.RSA, TestKeys.RSA_ROTATED); // content B, no tag
        refreshAhead(node);

        issuer.etags(true).publish(TestKeys.RSA); // content A again, and its tag with it
        refreshAhead(node);

        assertThat(issuer.jwksRequests()).isEqualTo(3);
        assertThat(issuer.notModifiedResponses()).isZero();
    }

    private void refreshAhead(org.bearerguard.testing.Pipeline node) throws Exception {
        clock.advance(Duration.ofMinutes(4)); // 80 % of the 5 min default TTL
        node.keys().maintain();
        node.awaitIdle();
    }
}
