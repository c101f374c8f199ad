package org.bearerguard.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * The startup and readiness checks over the real key sources (real JWKS server, real Ehcache region), the clock
 * moved by hand: what each issuer's entry says, and when each check is DOWN.
 */
class HealthChecksTest extends ScenarioBase {

    private KeyHealth health(Pipeline p) {
        return new KeyHealth(p.config(), p.keys(), clock);
    }

    private String token() {
        return scenario.token(TestKeys.RSA, Duration.ofDays(2));
    }

    @Test
    void whenTheKeysAreFreshThenBothChecksAreUpAndTheEntrySaysFresh() throws Exception {
        var p = pipeline();
        p.authenticate(token());

        var health = health(p);

        assertThat(health.readiness()).isEqualTo(report(true, "fresh"));
        assertThat(health.startup()).isEqualTo(report(true, "fresh"));
        assertThat(health.readiness().data()).containsExactly(Map.entry("default", "fresh"));
    }

    @Test
    void whenTheIssuerIsDownPastExpiryThenReadinessStaysUpWithTheKeySetsAgeWhileTokensAreAccepted() throws Exception {
        var p = pipeline();
        p.authenticate(token());
        issuer.down(true);
        clock.advance(Duration.ofMinutes(6)); // default TTL 5 min

        var ready = health(p).readiness();

        assertThat(ready.up()).isTrue();
        assertThat(ready.data()).containsExactly(Map.entry("default", "stale age=360s"));
        assertThat(p.respond(token()).status()).isEqualTo(200);
    }

    @Test
    void whenTheKeySetIsPastMaxStalenessThenReadinessIsDownAsTokensGet503() throws Exception {
        var p = pipeline(scenario.config().with("bearer.jwks.max-staleness", "1h"));
        p.authenticate(token());
        issuer.down(true);
        clock.advance(Duration.ofMinutes(65).plusSeconds(1));

        var health = health(p);

        assertThat(health.readiness()).isEqualTo(new KeyHealth.Report(false, java.util.List.of(new KeyHealth.Entry(
                "default", KeyHealth.State.UNUSABLE, java.util.Optional.of(Duration.ofSeconds(3901))))));
        assertThat(health.readiness().data()).containsExactly(Map.entry("default", "unusable age=3901s"));
        assertThat(health.startup().up()).isTrue();
        assertThat(p.respond(token()).status()).isEqualTo(503);
    }

    @Test
    void whenJustWithinMaxStalenessThenReadinessIsStillUp() throws Exception {
        var p = pipeline(scenario.config().with("bearer.jwks.max-staleness", "1h"));
        p.authenticate(token());
        issuer.down(true);
        clock.advance(Duration.ofMinutes(65).minusSeconds(1));

        assertThat(health(p).readiness().data()).containsExactly(Map.entry("default", "stale age=3899s"));
        assertThat(health(p).readiness().up()).isTrue();
    }

    @Test
    void whenTheIssuerComesBackThenTheEntryIsFreshAgain() throws Exception {
        var p = pipeline();
        p.authenticate(token());
        issuer.down(true);
        clock.advance(Duration.ofMinutes(6));
        assertThat(health(p).readiness().data()).containsExactly(Map.entry("default", "stale age=360s"));

        issuer.down(false).publish(TestKeys.RSA, TestKeys.RSA_ROTATED);
        // a kid the stale key set lacks: the request waits for the refresh
        assertThat(p.respond(scenario.token(TestKeys.RSA_ROTATED, Duration.ofHours(1))).status()).isEqualTo(200);

        assertThat(health(p).readiness()).isEqualTo(report(true, "fresh"));
    }

    @Test
    void whenNoKeysYetWithinTheStartGraceThenStartupIsDownAndReadinessUpLoading() {
        issuer.down(true);
        var p = pipeline();
        clock.advance(Duration.ofSeconds(59)); // default grace 1 min

        var health = health(p);

        assertThat(health.startup()).isEqualTo(report(false, "loading"));
        assertThat(health.readiness()).isEqualTo(report(true, "loading"));
    }

    @Test
    void whenNoKeysWereLoadedByTheEndOfTheStartGraceThenReadinessIsDownAndStartupStopsWaiting() {
        issuer.down(true);
        var p = pipeline();
        clock.advance(Duration.ofSeconds(60));

        var health = health(p);

        assertThat(health.readiness()).isEqualTo(report(false, "no keys"));
        assertThat(health.startup()).isEqualTo(report(true, "no keys"));
        assertThat(p.respond(token()).status()).isEqualTo(503);
    }

    @Test
    void whenTheStartGraceIsConfiguredThenItCountsFromTheStart() {
        issuer.down(true);
        var p = pipeline(scenario.config().with("bearer.health.start-grace", "10s"));
        clock.advance(Duration.ofSeconds(9));
        var within = health(p).startup();
        clock.advance(Duration.ofSeconds(1));

        assertThat(within).isEqualTo(report(false, "loading"));
        assertThat(health(p).readiness()).isEqualTo(report(false, "no keys"));
    }

    @Test
    void whenReadinessMayNotGoDownThenItStaysUpAndTheEntryStillSaysTheState() throws Exception {
        issuer.down(true);
        var config = scenario.config().with("bearer.health.readiness-down", "false")
                .with("bearer.jwks.max-staleness", "1h");
        var noKeys = pipeline(config);
        clock.advance(Duration.ofMinutes(2));
        assertThat(health(noKeys).readiness()).isEqualTo(report(true, "no keys"));

        issuer.down(false);
        var p = pipeline(config);
        p.authenticate(token());
        issuer.down(true);
        clock.advance(Duration.ofHours(2));

        assertThat(health(p).readiness().up()).isTrue();
        assertThat(health(p).readiness().data()).containsExactly(Map.entry("default", "unusable age=7200s"));
    }

    @Test
    void whenKeysAreNotFetchedAtStartThenStartupIsUpAndTheEntrySaysOnDemand() {
        issuer.down(true);
        var p = pipeline(scenario.config().with("bearer.jwks.fetch-at-startup", "false"));
        clock.advance(Duration.ofMinutes(5));

        var health = health(p);

        assertThat(health.startup()).isEqualTo(report(true, "on demand"));
        assertThat(health.readiness()).isEqualTo(report(true, "on demand"));
    }

    @Test
    void whenSeveralIssuersAreConfiguredThenEachHasItsEntryAndOneWithoutKeysTakesReadinessDown() throws Exception {
        try (var partner = JwksServer.start(TestKeys.EC).down(true)) {
            var p = pipeline(scenario.config().with("bearer.issuers.partner.issuer", partner.issuer()));
            p.authenticate(token());
            var health = health(p);
            var loading = health.readiness();
            clock.advance(Duration.ofMinutes(1));

            assertThat(loading.up()).isTrue();
            assertThat(loading.data()).containsExactly(Map.entry("default", "fresh"), Map.entry("partner", "loading"));
            assertThat(health.readiness().up()).isFalse();
            assertThat(health.readiness().data())
                    .containsExactly(Map.entry("default", "fresh"), Map.entry("partner", "no keys"));
            assertThat(p.respond(token()).status()).isEqualTo(200);
        }
    }

    @Test
    void whenAProbeRunsThenItNeverCallsTheIssuer() throws Exception {
        var p = pipeline();
        p.authenticate(token());
        clock.advance(Duration.ofMinutes(6));
        var health = health(p);

        for (int i = 0; i < 100; i++) {
            health.readiness();
            health.startup();
        }

        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenAReportIsAnsweredThenTheResponseIsNamedBearerGuardWithOneDataEntryPerIssuer() {
        var report = new KeyHealth.Report(false, java.util.List.of(
                new KeyHealth.Entry("default", KeyHealth.State.FRESH, java.util.Optional.empty()),
                new KeyHealth.Entry("partner", KeyHealth.State.NO_KEYS, java.util.Optional.empty())));

        var response = HealthResponses.of(report);

        assertThat(response.getName()).isEqualTo("bearer-guard");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValue(Map.of("default", "fresh", "partner", "no keys"));
        assertThat(HealthResponses.of(new KeyHealth.Report(true, java.util.List.of())).getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void whenAnUnknownIssuerSendsATokenThenTheEntriesStayThoseOfTheConfiguredIssuers() throws Exception {
        var p = pipeline();
        p.authenticate(token());

        p.respond(TestTokens.rs256().issuer("https://elsewhere.example").build());

        assertThat(health(p).readiness().data()).containsOnlyKeys("default");
    }

    private static KeyHealth.Report report(boolean up, String defaultEntry) {
        var state = java.util.Arrays.stream(KeyHealth.State.values()).filter(s -> s.text().equals(defaultEntry))
                .findFirst().orElseThrow();
        return new KeyHealth.Report(up, java.util.List.of(new KeyHealth.Entry("default", state,
                java.util.Optional.empty())));
    }
}
