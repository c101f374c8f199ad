package org.bearerguard.internal.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.AllAtOnce;
import org.bearerguard.testing.IntrospectionServer;
import org.bearerguard.testing.Scenario;
import org.bearerguard.testing.TestChallenges;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Opaque tokens through an introspection endpoint that counts its calls: the same principal and responses as for
 * JWTs, one call per token however often and however concurrently it comes, and calls within the rate limit.
 */
class IntrospectionTest {

    static final String INACTIVE = TestChallenges.invalidToken("The token is not active");

    private final Scenario scenario = new Scenario(TestKeys.RSA);
    private final IntrospectionServer server = IntrospectionServer.start(scenario.issuer.issuer());

    @AfterEach
    void close() {
        server.close();
        scenario.close();
    }

    /** The scenario's issuer with opaque tokens introspected at the counting endpoint. */
    TestConfig config() {
        return scenario.config()
                .with("bearer.introspection", "opaque")
                .with("bearer.introspection.endpoint", server.endpoint())
                .with("bearer.introspection.client-id", IntrospectionServer.CLIENT_ID)
                .with("bearer.introspection.client-secret", IntrospectionServer.CLIENT_SECRET)
                .with("bearer.jwks.fetch-at-startup", "false");
    }

    /** A fresh opaque token, active at the endpoint with {@code claims} on top of the defaults. */
    String activeToken(Map<String, Object> claims) {
        var token = "opaque-" + UUID.randomUUID();
        var all = new HashMap<String, Object>(claims);
        all.putIfAbsent("exp", scenario.clock.instant().plusSeconds(3600).getEpochSecond());
        server.activate(token, all);
        return token;
    }

    @Test
    void whenAnOpaqueTokenIsActiveThenTheCallerIsMappedFromTheAnswerAsForAJwt() throws Exception {
        var p = scenario.pipeline(config());
        var token = activeToken(Map.of("preferred_username", "Alice", "scope", "orders:read profile",
                "realm_access", Map.of("roles", List.of("clerk")), "client_id", "shop"));

        BearerPrincipal caller = p.authenticate(token);

        assertThat(caller.getName()).isEqualTo("Alice");
        assertThat(caller.getSubject()).isEqualTo("alice");
        assertThat(caller.getIssuer()).isEqualTo(scenario.issuer.issuer());
        assertThat(caller.getAudience()).containsExactly("api");
        assertThat(caller.getScopes()).containsExactlyInAnyOrder("orders:read", "profile");
        assertThat(caller.getRoles()).containsExactly("clerk");
        assertThat(caller.getClaims()).containsEntry("client_id", "shop").containsEntry("active", true);
        assertThat(caller.getRawToken()).isEqualTo(token);
        assertThat(server.lastForm()).containsEntry("token", token).containsEntry("token_type_hint", "access_token")
                .doesNotContainKey("client_secret");
        assertThat(server.lastAuthorization()).isEqualTo("Basic cmVzb3VyY2Utc2VydmVyOnJlc291cmNlLXNlcnZlci1zZWNyZXQ=");
    }

    @Test
    void whenClientSecretPostIsConfiguredThenTheCredentialsGoInTheForm() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection.client-auth", "client_secret_post"));
        var token = activeToken(Map.of());

        assertThat(p.authenticate(token).getSubject()).isEqualTo("alice");
        assertThat(server.lastAuthorization()).isNull();
        assertThat(server.lastForm()).containsEntry("client_id", IntrospectionServer.CLIENT_ID)
                .containsEntry("client_secret", IntrospectionServer.CLIENT_SECRET);
    }

    @Test
    void whenNoEndpointIsConfiguredThenDiscoveryNamesIt() throws Exception {
        scenario.issuer.advertiseIntrospectionEndpoint(server.endpoint());
        var p = scenario.pipeline(config().without("bearer.introspection.endpoint"));
        var token = activeToken(Map.of());

        assertThat(p.authenticate(token).getSubject()).isEqualTo("alice");
        assertThat(p.authenticate(activeToken(Map.of())).getSubject()).isEqualTo("alice");
        assertThat(scenario.issuer.discoveryRequests()).isEqualTo(1);
        assertThat(server.calls()).isEqualTo(2);
    }

    @Test
    void whenOneTokenComesAThousandTimesThenItIsIntrospectedOnce() throws Exception {
        var p = scenario.pipeline(config());
        var token = activeToken(Map.of());

        for (int i = 0; i < 1000; i++) {
            assertThat(p.respond(token).status()).isEqualTo(200);
        }

        assertThat(server.callsFor(token)).isEqualTo(1);
    }

    @Test
    void whenFiveHundredFirstRequestsWithOneTokenArriveAtOnceThenOneIntrospectionAnswersThemAll() throws Exception {
        var p = scenario.pipeline(config());
        var token = activeToken(Map.of());
        var releaser = server.holdUntilCalled();

        var statuses = AllAtOnce.repeat(500, () -> p.respond(token).status());

        releaser.join();
        assertThat(statuses).containsOnly(200).hasSize(500);
        assertThat(server.callsFor(token)).isEqualTo(1);
    }

    @Test
    void whenRandomTokensFloodThenTheEndpointIsCalledWithinTheRateLimitAndTheRestGet503() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection.rate-limit", "20"));

        var statuses = flood(p, 100);
        assertThat(server.calls()).isEqualTo(20); // the burst
        assertThat(statuses).containsEntry(401, 20).containsEntry(503, 80);

        scenario.clock.advance(Duration.ofMillis(500));
        assertThat(flood(p, 100)).containsEntry(401, 10).containsEntry(503, 90);
        assertThat(server.calls()).isEqualTo(30);
    }

    @Test
    void whenRandomTokensFloodThenAKnownTokenPastItsCacheTimeIsStillRenewed() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection.rate-limit", "5")
                .with("bearer.introspection.cache-time", "10s"));
        var known = activeToken(Map.of());
        assertThat(p.respond(known).status()).isEqualTo(200);
        scenario.clock.advance(Duration.ofSeconds(10));

        assertThat(flood(p, 20)).containsEntry(401, 5).containsEntry(503, 15); // the budget is gone
        assertThat(p.respond(known).status()).isEqualTo(200);
        assertThat(server.callsFor(known)).isEqualTo(2);
    }

    @Test
    void whenAnIntrospectedJwtIsDpopBoundAndTheAnswerHasNoCnfThenABearerRequestIsRefused() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection", "all"));
        var token = scenario.token().claim("cnf", Map.of("jkt", TestKeys.EC.calculateBase64urlEncodedThumbprint(
                "SHA-256"))).build();
        server.activate(token, Map.of("exp", scenario.clock.instant().plusSeconds(300).getEpochSecond()));

        var response = p.respond(token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(TestChallenges.invalidToken(
                "The token is bound to a key that the request does not prove"));
    }

    @Test
    void whenAnIntrospectedJwtMustBeAnAtJwtAndIsNotThenItIsRefusedWithoutACall() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection", "all").with("bearer.require-at-jwt", "true"));
        var token = scenario.token().build();
        server.activate(token, Map.of());

        assertThat(p.respond(token).header("WWW-Authenticate")).contains(TestChallenges.invalidToken(
                "The token type is not accepted"));
        assertThat(server.calls()).isZero();
    }

    @Test
    void whenAJwsOfAnUnknownIssuerComesThenItIsRefusedWithoutACall() throws Exception {
        var p = scenario.pipeline(config());
        var foreign = scenario.token().issuer("https://elsewhere.example").build();

        assertThat(p.respond(foreign).header("WWW-Authenticate")).contains(TestChallenges.invalidToken(
                "The token issuer is not trusted"));
        assertThat(server.calls()).isZero();
    }

    @Test
    void whenTheClockStepsBackThenTheCallBudgetStillRefills() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection.rate-limit", "10"));
        assertThat(flood(p, 10)).containsEntry(401, 10);

        scenario.clock.advance(Duration.ofHours(-1));
        assertThat(flood(p, 1)).containsEntry(503, 1); // the budget is spent; its time goes on from here
        scenario.clock.advance(Duration.ofSeconds(1));

        assertThat(flood(p, 10)).containsEntry(401, 10);
    }

    @Test
    void whenAJwtIsSpelledWithPaddingOrAnotherAlphabetThenItIsRefusedAsMalformedWithoutACall() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection", "all"));
        var token = scenario.token().claim("cnf", Map.of("jkt", TestKeys.EC.calculateBase64urlEncodedThumbprint(
                "SHA-256"))).build();
        server.activate(token + "==", Map.of());
        // the standard alphabet's '/' or '+' for the URL alphabet's '_' or '-': the same bytes to a lenient decoder
        int at = token.indexOf('_') >= 0 ? token.indexOf('_') : token.indexOf('-');
        var slash = token.substring(0, at) + (token.charAt(at) == '_' ? "/" : "+") + token.substring(at + 1);
        server.activate(slash, Map.of());

        for (var respelled : java.util.List.of(token + "==", slash)) {
            assertThat(p.respond(respelled).header("WWW-Authenticate")).contains(TestChallenges.invalidToken(
                    "The token is not a well-formed signed JWT"));
        }
        assertThat(server.calls()).isZero();
    }

    @Test
    void whenInactiveAnswersFillTheKeptAnswersThenAKnownTokenIsStillRenewedAndKept() throws Exception {
        var p = scenario.pipeline(config().with("bearer.token-cache.size", "10")
                .with("bearer.introspection.inactive-cache-time", "5m")
                .with("bearer.introspection.cache-time", "1s")
                .with("bearer.introspection.rate-limit", "20"));
        var known = activeToken(Map.of());
        assertThat(p.respond(known).status()).isEqualTo(200);
        scenario.clock.advance(Duration.ofSeconds(1));

        assertThat(flood(p, 20)).containsEntry(401, 20); // the newcomers' budget is spent, the kept answers full

        assertThat(p.respond(known).status()).isEqualTo(200); // a renewal
        assertThat(p.respond(known).status()).isEqualTo(200); // and kept
        assertThat(server.callsFor(known)).isEqualTo(2);
    }

    @Test
    void whenAnIntrospectedJwtComesAgainThenItsSignatureIsNotCheckedAgainWhileItsAnswerIsKept() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection", "all"));
        var token = scenario.token().build();
        server.activate(token, Map.of("exp", scenario.clock.instant().plusSeconds(300).getEpochSecond()));
        assertThat(p.respond(token).status()).isEqualTo(200);

        scenario.issuer.publish(TestKeys.RSA_ROTATED); // its key gone: a signature check could no longer pass
        scenario.clock.advance(Duration.ofMinutes(10));
        p.keys().maintain();
        p.awaitIdle();
        scenario.clock.advance(Duration.ofMinutes(-10));

        assertThat(p.respond(token).status()).isEqualTo(200);
        assertThat(server.callsFor(token)).isEqualTo(1);
    }

    @Test
    void whenAJwtIsSentWithTrailingDotsThenItIsRefusedAsMalformedWithoutACall() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection", "all"));
        var token = scenario.token().build();
        for (var respelled : java.util.List.of(token + ".", token + "..", token.substring(0, token.lastIndexOf('.')))) {
            server.activate(respelled, Map.of());

            assertThat(p.respond(respelled).header("WWW-Authenticate")).contains(TestChallenges.invalidToken(
                    "The token is not a well-formed signed JWT"));
        }
        assertThat(server.calls()).isZero();
    }

    @Test
    void whenAJweComesThenItIsIntrospectedAsAnOpaqueToken() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection", "all"));
        var header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var jwe = header + ".a2V5.aXY.Y2lwaGVydGV4dA.dGFn";
        server.activate(jwe, Map.of("exp", scenario.clock.instant().plusSeconds(300).getEpochSecond()));

        assertThat(p.respond(jwe).status()).isEqualTo(200);
        assertThat(server.callsFor(jwe)).isEqualTo(1);
    }

    @Test
    void whenAnOpaqueTokenHasTwoDotsButNoJsonInsideThenItIsIntrospected() throws Exception {
        var p = scenario.pipeline(config());
        var paseto = "v4.local." + "a".repeat(40); // PASETO without a footer: two dots, no JOSE header
        server.activate(paseto, Map.of("exp", scenario.clock.instant().plusSeconds(300).getEpochSecond()));

        assertThat(p.respond(paseto).status()).isEqualTo(200);
        assertThat(server.callsFor(paseto)).isEqualTo(1);
    }

    @Test
    void whenMoreTokensWereActiveThanAreKeptThenANewTokensAnswerIsStillKept() throws Exception {
        var p = scenario.pipeline(config().with("bearer.token-cache.size", "3")
                .with("bearer.introspection.cache-time", "1s"));
        for (int i = 0; i < 3; i++) {
            assertThat(p.respond(activeToken(Map.of())).status()).isEqualTo(200);
        }
        scenario.clock.advance(Duration.ofSeconds(2)); // their answers ran out; they are only remembered now

        var fresh = activeToken(Map.of());
        assertThat(p.respond(fresh).status()).isEqualTo(200);
        assertThat(p.respond(fresh).status()).isEqualTo(200);
        assertThat(server.callsFor(fresh)).isEqualTo(1);
    }

    /** {@code count} requests with made-up tokens: how many got which status (every 503 with Retry-After: 1). */
    private Map<Integer, Integer> flood(org.bearerguard.testing.Pipeline p, int count) {
        var statuses = new HashMap<Integer, Integer>();
        for (int i = 0; i < count; i++) {
            var response = p.respond("random-" + UUID.randomUUID());
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() == 503) {
                assertThat(response.header("Retry-After")).contains("1");
            }
        }
        return statuses;
    }

    @Test
    void whenTheTokenIsInactiveThenItIsRefusedAsInvalidTokenAndTheAnswerKeptForTheInactiveTime() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection.inactive-cache-time", "10s"));
        var token = "never-issued";

        var response = p.respond(token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(INACTIVE);
        assertThat(p.respond(token).status()).isEqualTo(401);
        assertThat(server.callsFor(token)).isEqualTo(1);

        scenario.clock.advance(Duration.ofSeconds(10));
        assertThat(p.respond(token).status()).isEqualTo(401);
        assertThat(server.callsFor(token)).isEqualTo(2);
    }

    @Test
    void whenTheTokenIsRevokedThenItIsRefusedOnceTheCacheTimeHasPassed() throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection.cache-time", "30s"));
        var token = activeToken(Map.of());
        assertThat(p.respond(token).status()).isEqualTo(200);

        server.revoke(token);
        scenario.clock.advance(Duration.ofSeconds(29));
        assertThat(p.respond(token).status()).isEqualTo(200); // the kept answer: what cache-time means
        scenario.clock.advance(Duration.ofSeconds(1));
        var response = p.respond(token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(INACTIVE);
        assertThat(server.callsFor(token)).isEqualTo(2);
    }

    @Test
    void whenTheTokenExpiresBeforeTheCacheTimeThenItIsRefusedAsExpiredWithoutAnotherCall() throws Exception {
        var p = scenario.pipeline(config().with("bearer.clock-skew", "0s"));
        var token = activeToken(Map.of("exp", scenario.clock.instant().plusSeconds(20).getEpochSecond()));
        assertThat(p.respond(token).status()).isEqualTo(200);

        scenario.clock.advance(Duration.ofSeconds(20));
        var response = p.respond(token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(TestChallenges.invalidToken(
                "The token has expired"));
        assertThat(server.callsFor(token)).isEqualTo(2); // the kept answer ended at exp; the endpoint says expired
    }

    @Test
    void whenAJwtOfTheIssuerComesThenItIsVerifiedLocallyAndNeverIntrospected() throws Exception {
        var p = scenario.pipeline(config());

        assertThat(p.respond(scenario.token().build()).status()).isEqualTo(200);
        assertThat(server.calls()).isZero();
    }

    @Test
    void whenTheIssuerIntrospectsItsJwtsThenTheSignatureIsCheckedFirstAndTheClaimsComeFromTheAnswer()
            throws Exception {
        var p = scenario.pipeline(config().with("bearer.introspection", "all"));
        // a lightweight token: no aud, no scope of its own
        var token = scenario.token().without("aud").build();
        server.activate(token, Map.of("scope", "orders:read", "exp",
                scenario.clock.instant().plusSeconds(300).getEpochSecond()));

        var caller = p.authenticate(token);

        assertThat(caller.getScopes()).containsExactly("orders:read");
        assertThat(server.callsFor(token)).isEqualTo(1);
        var forged = scenario.token().signingKey(TestKeys.ATTACKER.getPrivateKey()).build();
        assertThat(p.respond(forged).header("WWW-Authenticate")).contains(TestChallenges.invalidToken(
                "The token signature is invalid"));
        assertThat(server.calls()).isEqualTo(1);
    }

    @Test
    void whenTheResourceDoesNotAcceptTheIntrospectingIssuerThenNoCallIsMade() throws Exception {
        var p = scenario.pipeline(config().with("bearer.issuers.other.issuer", "https://other.example")
                .with("bearer.issuers.other.jwks.fetch-at-startup", "false"));
        var otherOnly = new Requirement(List.of(), List.of(), false, Set.of("other"));

        var response = p.respond(List.of("Bearer " + activeToken(Map.of())), otherOnly);

        assertThat(response.header("WWW-Authenticate")).contains(TestChallenges.invalidToken(
                "The token issuer is not trusted"));
        assertThat(server.calls()).isZero();
    }
}
