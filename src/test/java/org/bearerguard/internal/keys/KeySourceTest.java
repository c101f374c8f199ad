package org.bearerguard.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.testing.AllAtOnce;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Where keys come from and how often: real JWKS server, real Ehcache region, a clock moved by hand. */
class KeySourceTest extends ScenarioBase {

    private String token(org.jose4j.jwk.PublicJsonWebKey key) {
        return scenario.token(key, Duration.ofHours(1));
    }

    @Test
    void whenKeysAreKnownThenRequestsNeverFetchAgain() throws Exception {
        var p = pipeline();
        for (int i = 0; i < 50; i++) {
            p.authenticate(token(TestKeys.RSA));
        }

        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenManyFirstRequestsArriveTogetherThenTheyShareOneFetch() throws Exception {
        issuer.delay(300);
        var p = pipeline();
        var token = token(TestKeys.RSA);

        assertThat(AllAtOnce.repeat(32, () -> p.authenticate(token).getName())).containsOnly("alice");

        assertThat(issuer.jwksRequests()).isEqualTo(1);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
    }

    @Test
    void whenAnUnknownKidJustUsedTheRefreshThenARotatedInKeyIsAcceptedAfterTheMinimumInterval() throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        p.respond(TestTokens.rs256().issuer(issuer.issuer()).kid("nobody").build()); // uses up the allowance
        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);

        var tooSoon = p.respond(token(TestKeys.RSA_ROTATED));
        clock.advance(Duration.ofSeconds(31));
        var principal = p.authenticate(token(TestKeys.RSA_ROTATED));

        assertThat(tooSoon.status()).isEqualTo(401);
        assertThat(principal.getName()).isEqualTo("alice");
        assertThat(issuer.jwksRequests()).isEqualTo(3);
    }

    @Test
    void whenUnknownKidsFloodThenAtMostOneFetchPerMinimumInterval() throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        clock.advance(Duration.ofSeconds(31));

        for (int i = 0; i < 500; i++) {
            var response = p.respond(TestTokens.rs256().issuer(issuer.issuer()).kid("random-" + i)
                    .claim("exp", clock.instant().plusSeconds(60).getEpochSecond()).build());
            assertThat(response.header("WWW-Authenticate").orElseThrow())
                    .contains("error_description=\"" + Reason.UNKNOWN_KEY.description() + "\"");
        }

        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void whenAKeyIsRemovedAtTheIssuerThenItIsRefusedAfterTheNextRefresh() throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        issuer.publish(TestKeys.RSA_ROTATED);
        clock.advance(Duration.ofMinutes(6)); // past the default TTL: refreshed in the background

        p.respond(token(TestKeys.RSA)); // still served from the stale snapshot while the refresh runs
        awaitFetches(2);
        awaitRefusal(p, token(TestKeys.RSA));
        assertThat(p.authenticate(token(TestKeys.RSA_ROTATED)).getName()).isEqualTo("alice");
    }

    @Test
    void whenTheIssuerIsDownBeforeFirstUseThenRespondsWith503AndRetryAfter() {
        issuer.down(true);
        var p = pipeline();

        var first = p.respond(token(TestKeys.RSA));
        var second = p.respond(token(TestKeys.RSA));

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.header("Retry-After")).contains("5");
        assertThat(first.header("WWW-Authenticate")).isEmpty();
        assertThat(second.status()).isEqualTo(503);
        assertThat(issuer.discoveryRequests()).isEqualTo(1); // the second one waited for the retry interval
    }

    @Test
    void whenTheIssuerComesBackThenKeysAreFetchedAfterTheRetryInterval() throws Exception {
        issuer.down(true);
        var p = pipeline();
        assertThat(p.respond(token(TestKeys.RSA)).status()).isEqualTo(503);

        issuer.down(false);
        clock.advance(Duration.ofSeconds(6));

        assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
    }

    @Test
    void whenNothingListensAtTheIssuerThenRespondsWith503() {
        var deadIssuer = "http://127.0.0.1:1/realm";
        var p = pipeline(TestConfig.issuer(deadIssuer));

        ErrorResponse response = p.respond(TestTokens.rs256().issuer(deadIssuer).build());

        assertThat(response.status()).isEqualTo(503);
    }

    @Test
    void whenTheRegionHoldsAFreshKeySetThenASecondProcessFetchesNothing() throws Exception {
        var first = pipeline();
        first.authenticate(token(TestKeys.RSA));
        var second = pipeline();

        assertThat(second.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenTheJwksSaysMaxAgeThenTheKeySetExpiresThen() throws Exception {
        issuer.cacheControl("public, max-age=120");
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        var snapshot = p.keys().forIssuer(issuer.issuer()).orElseThrow().snapshot();

        assertThat(Duration.between(snapshot.fetchedAt(), snapshot.expiresAt())).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void whenMaxAgeIsOutsideTheBoundsThenItIsClamped() throws Exception {
        issuer.cacheControl("max-age=5");
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        var snapshot = p.keys().forIssuer(issuer.issuer()).orElseThrow().snapshot();

        assertThat(Duration.between(snapshot.fetchedAt(), snapshot.expiresAt())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void whenTheJwksUriIsConfiguredThenDiscoveryIsSkipped() throws Exception {
        var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.jwks-uri", issuer.jwksUri()));

        p.authenticate(token(TestKeys.RSA));

        assertThat(issuer.discoveryRequests()).isZero();
    }

    @Test
    void whenTheKeySetHasNoUsableKeyThenNothingIsInstalled() {
        issuer.publish(TestKeys.RSA_WEAK);
        var p = pipeline();

        assertThat(p.respond(token(TestKeys.RSA_WEAK)).status()).isEqualTo(503);
    }

    private void awaitFetches(int n) throws InterruptedException {
        for (int i = 0; i < 200 && issuer.jwksRequests() < n; i++) {
            Thread.sleep(25);
        }
    }

    private static void awaitRefusal(Pipeline p, String token) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (p.respond(token).status() == 401) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the removed key was still accepted");
    }

}
