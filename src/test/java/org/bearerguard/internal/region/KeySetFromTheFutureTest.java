package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * A node whose clock runs a day ahead (it has the secret) puts a key set dated tomorrow into the region: other nodes
 * do not let it outrank their own later fetches, so a key the issuer rotates in is still accepted.
 */
class KeySetFromTheFutureTest extends ScenarioBase {

    @Test
    void whenAKeySetDatedTomorrowIsInTheRegionThenARotatedInKeyIsStillFetchedAndAccepted() throws Exception {
        TestConfig config = scenario.config().with("bearer.cache.secret", "the cache secret of this test, 32 bytes")
                .with("bearer.jwks.fetch-at-startup", "false");
        var p = pipeline(config);
        assertThat(p.authenticate(scenario.token(TestKeys.RSA, Duration.ofDays(2))).getName()).isEqualTo("alice");

        var built = config.build();
        try (var skewed = JwksRegion.open(built.cache())) {
            var tomorrow = clock.instant().plus(Duration.ofDays(1));
            skewed.forIssuer(built.issuers().get(0), clock)
                    .publish(TestKeys.jwks(TestKeys.RSA), tomorrow, tomorrow.plusSeconds(300), 0);
            issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);

            assertThat(p.authenticate(scenario.token(TestKeys.RSA_ROTATED, Duration.ofDays(2))).getName())
                    .isEqualTo("alice");
        }
    }
}
