package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * Two applications on one cache that trust the same issuer but take its keys from different places (a configured
 * {@code jwks-uri}, discovery): their region entries never meet, so neither adopts the other's key set, waits out the
 * other's backoff or waits for the other's lease.
 */
class RegionNamespaceTest extends ScenarioBase {

    private TestConfig byJwksUri(String jwksUri) {
        return scenario.config().with("bearer.jwks-uri", jwksUri).with("bearer.jwks.fetch-at-startup", "false");
    }

    private TestConfig byDiscovery() {
        return scenario.config().with("bearer.jwks.fetch-at-startup", "false");
    }

    private String token() {
        return scenario.token(TestKeys.RSA, Duration.ofDays(1));
    }

    @Test
    void whenTwoApplicationsTakeTheIssuersKeysFromDifferentPlacesThenEachFetchesItsOwnKeySet() throws Exception {
        var byUri = pipeline(byJwksUri(issuer.jwksUri()));
        var byDiscovery = pipeline(byDiscovery());

        assertThat(byUri.authenticate(token()).getName()).isEqualTo("alice");
        assertThat(byDiscovery.authenticate(token()).getName()).isEqualTo("alice");

        assertThat(issuer.jwksRequests()).isEqualTo(2);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
    }

    @Test
    void whenOneApplicationsJwksUriFailsThenTheOtherDoesNotWaitOutItsBackoff() {
        var broken = pipeline(byJwksUri(issuer.issuer() + "/no-such-jwks"));
        var byDiscovery = pipeline(byDiscovery());

        assertThat(broken.respond(token()).status()).isEqualTo(503);
        broken.awaitIdle();

        assertThat(byDiscovery.respond(token()).status()).isEqualTo(200);
    }

    @Test
    void whenOneApplicationHoldsTheIssuersLeaseThenTheOtherIsNotLeased() {
        var config = byJwksUri(issuer.jwksUri()).build();
        var other = byDiscovery().build();
        try (var region = JwksRegion.open(config.cache())) {
            var mine = region.forIssuer(config.issuers().get(0), clock);
            var theirs = region.forIssuer(other.issuers().get(0), clock);

            assertThat(mine.tryLease("app-1")).isPresent();

            assertThat(theirs.leased()).isFalse();
            assertThat(theirs.tryLease("app-2")).isPresent();
        }
    }
}
