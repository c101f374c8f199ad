package org.bearerguard.internal.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.bearerguard.testing.IntrospectionServer;
import org.bearerguard.testing.IntrospectionServer.Failure;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.Scenario;
import org.bearerguard.testing.TestChallenges;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Introspection endpoints that misbehave, and answers that say too little or the wrong thing: never a 401 for the
 * server's fault, never an answer kept that should not be, bounded time and memory, one log line per outage.
 */
class HostileIntrospectionTest {

    private final Scenario scenario = new Scenario(TestKeys.RSA);
    private final IntrospectionServer server = IntrospectionServer.start(scenario.issuer.issuer());
    private final LogCapture log = new LogCapture();

    @AfterEach
    void close() {
        log.close();
        server.close();
        scenario.close();
    }

    private Pipeline pipeline() {
        return scenario.pipeline(scenario.config()
                .with("bearer.introspection", "opaque")
                .with("bearer.introspection.endpoint", server.endpoint())
                .with("bearer.introspection.client-id", IntrospectionServer.CLIENT_ID)
                .with("bearer.introspection.client-secret", IntrospectionServer.CLIENT_SECRET)
                .with("bearer.jwks.fetch-at-startup", "false")
                .with("bearer.http.read-timeout", "500ms")
                .with("bearer.http.connect-timeout", "500ms"));
    }

    private String activeToken(Map<String, Object> claims) {
        var token = "opaque-" + UUID.randomUUID();
        var all = new HashMap<String, Object>(claims);
        all.putIfAbsent("exp", scenario.clock.instant().plusSeconds(3600).getEpochSecond());
        server.activate(token, all);
        return token;
    }

    private long warnings() {
        return log.lines().stream().filter(l -> l.startsWith("WARNING bearer-guard: introspection at")).count();
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"UNAVAILABLE_503", "GARBAGE", "NOT_AN_OBJECT", "ACTIVE_AS_STRING",
            "NO_ACTIVE", "HUGE", "TRICKLE", "REDIRECT", "TEXT_PLAIN"})
    void whenTheEndpointAnswersBadlyThen503WithRetryAfterNothingKeptAndOneWarning(Failure failure) throws Exception {
        var p = pipeline();
        var token = activeToken(Map.of());
        server.fail(failure);

        for (int i = 0; i < 3; i++) {
            var response = p.respond(token);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Retry-After")).contains("5");
            assertThat(response.header("WWW-Authenticate")).isEmpty();
        }
        assertThat(server.callsFor(token)).isEqualTo(3); // nothing kept
        assertThat(warnings()).isEqualTo(1);
        assertThat(log.lines()).noneMatch(l -> l.contains(token) || l.contains(IntrospectionServer.CLIENT_SECRET));

        server.fail(Failure.NONE);
        assertThat(p.respond(token).status()).isEqualTo(200);
        assertThat(log.lines()).contains("INFO bearer-guard: introspection at " + scenario.issuer.issuer()
                + " works again");
    }

    @Test
    void whenTheClientCredentialsAreWrongThen503AndTheWarningSaysWhichPropertiesToCheck() throws Exception {
        var p = scenario.pipeline(scenario.config()
                .with("bearer.introspection", "opaque")
                .with("bearer.introspection.endpoint", server.endpoint())
                .with("bearer.introspection.client-id", IntrospectionServer.CLIENT_ID)
                .with("bearer.introspection.client-secret", "not-the-secret")
                .with("bearer.jwks.fetch-at-startup", "false"));

        assertThat(p.respond(activeToken(Map.of())).status()).isEqualTo(503);
        assertThat(server.refusedClients()).isEqualTo(1);
        assertThat(log.lines()).anyMatch(l -> l.contains("answered HTTP 401 (are bearer.introspection.client-id and"
                + " client-secret right?)"));
        assertThat(log.lines()).noneMatch(l -> l.contains("not-the-secret"));
    }

    @Test
    void whenTheEndpointTricklesThenTheRequestEndsWithinTheTimeouts() throws Exception {
        var p = pipeline();
        server.fail(Failure.TRICKLE);
        long start = System.nanoTime();

        assertThat(p.respond(activeToken(Map.of())).status()).isEqualTo(503);
        // connect + read timeout is 1 s; the trickle would take 10 s
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void whenAnActiveAnswerHasNoExpiryThenTheTokenIsRefusedAndNothingKept() throws Exception {
        var p = pipeline();
        var token = "opaque-without-exp";
        server.activate(token, java.util.Collections.singletonMap("exp", null));

        assertRefused(p, token, "The token has no expiry");
        assertRefused(p, token, "The token has no expiry");
        assertThat(server.callsFor(token)).isEqualTo(2);
    }

    @Test
    void whenAnActiveAnswerNamesAnotherIssuerThenTheTokenIsRefused() throws Exception {
        assertRefused(pipeline(), activeToken(Map.of("iss", "https://evil.example")), "The token issuer is not trusted");
    }

    @Test
    void whenAnActiveAnswerIsForAnotherAudienceThenTheTokenIsRefused() throws Exception {
        assertRefused(pipeline(), activeToken(Map.of("aud", "another-api")), "The token is not meant for this audience");
    }

    @Test
    void whenAnActiveAnswerHasNoAudienceThenTheTokenIsRefused() throws Exception {
        assertRefused(pipeline(), activeToken(new HashMap<>(java.util.Collections.singletonMap("aud", null))),
                "The token is not meant for this audience");
    }

    @Test
    void whenTheIntrospectedTokenIsARefreshTokenThenItIsRefused() throws Exception {
        var p = pipeline();
        assertRefused(p, activeToken(Map.of("token_type", "refresh_token")), "The token type is not accepted");
        assertRefused(p, activeToken(Map.of("typ", "Refresh")), "The token type is not accepted");
    }

    @Test
    void whenAnActiveAnswerIsNotYetValidThenTheTokenIsRefused() throws Exception {
        assertRefused(pipeline(), activeToken(Map.of("nbf", scenario.clock.instant().plusSeconds(600)
                .getEpochSecond())), "The token is not yet valid");
    }

    @Test
    void whenAnActiveAnswerHasMalformedScopesThenTheTokenIsRefused() throws Exception {
        assertRefused(pipeline(), activeToken(Map.of("scope", 42)), "The token claims are malformed");
    }

    @Test
    void whenTheAnswerSaysDpopWithoutCnfThenTheTokenIsRefused() throws Exception {
        assertRefused(pipeline(), activeToken(Map.of("token_type", "DPoP")), "The token type is not accepted");
    }

    @Test
    void whenAnActiveAnswerIsLargerThanAKeptAnswerMayBeThenItIsUsedButNotKept() throws Exception {
        var p = pipeline();
        var token = activeToken(Map.of("padding", "x".repeat(20_000)));

        assertThat(p.respond(token).status()).isEqualTo(200);
        assertThat(p.respond(token).status()).isEqualTo(200);
        assertThat(server.callsFor(token)).isEqualTo(2);
    }

    @Test
    void whenFailuresAndSuccessesAlternateThenTheOutageIsLoggedOnceAMinute() throws Exception {
        var p = pipeline();
        for (int i = 0; i < 5; i++) {
            server.fail(Failure.UNAVAILABLE_503);
            assertThat(p.respond(activeToken(Map.of())).status()).isEqualTo(503);
            server.fail(Failure.NONE);
            assertThat(p.respond(activeToken(Map.of())).status()).isEqualTo(200);
        }

        assertThat(warnings()).isEqualTo(1);
        assertThat(log.lines()).filteredOn(l -> l.startsWith("INFO") && l.contains("works again")).hasSize(1);
    }

    @Test
    void whenAnOutageStartsWithinAMinuteOfABlipThenItIsWarnedOnceTheMinuteIsUp() throws Exception {
        var outage = new org.bearerguard.internal.log.OutageLog(System.getLogger("org.bearerguard.test.blips"), Duration.ofMillis(300));
        outage.failed(() -> "bearer-guard: blip");
        outage.recovered(() -> "bearer-guard: blip over");
        outage.failed(() -> "bearer-guard: the real outage"); // within the interval: not told yet
        var deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (log.lines().stream().noneMatch(l -> l.startsWith("WARNING bearer-guard: the real outage"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            outage.failed(() -> "bearer-guard: the real outage"); // the next request that fails
        }

        assertThat(log.lines()).filteredOn(l -> l.startsWith("WARNING")).containsExactly(
                "WARNING bearer-guard: blip", "WARNING bearer-guard: the real outage");
    }

    @Test
    void whenAnOutageLastsThenItIsWarnedSoonEvenWithinTheIntervalOfAnEarlierWarning() throws Exception {
        var outage = new org.bearerguard.internal.log.OutageLog(System.getLogger("org.bearerguard.test.lasting"),
                Duration.ofHours(1), Duration.ofMillis(300));
        outage.failed(() -> "bearer-guard: blip");
        outage.recovered(() -> "bearer-guard: blip over");
        outage.failed(() -> "bearer-guard: the real outage");
        var deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (log.lines().stream().noneMatch(l -> l.startsWith("WARNING bearer-guard: the real outage"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            outage.failed(() -> "bearer-guard: the real outage");
        }

        assertThat(log.lines()).filteredOn(l -> l.startsWith("WARNING")).containsExactly(
                "WARNING bearer-guard: blip", "WARNING bearer-guard: the real outage");
    }

    private void assertRefused(Pipeline p, String token, String description) {
        var response = p.respond(token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(TestChallenges.invalidToken(description));
    }
}
