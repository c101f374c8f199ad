package org.bearerguard.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.testing.JwksServer.Failure;
import org.bearerguard.testing.AllAtOnce;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.RawTokens;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key source under load, rotation and outages, with exact fetch counts: a real JWKS server the test controls,
 * a real Ehcache region, and a clock moved by hand so that hours pass in milliseconds. {@code maintain()} is what the
 * background thread calls every second in a deployment.
 */
class KeyRefreshScenarioTest extends ScenarioBase {

    /** Valid for a day of simulated time. */
    private String token(PublicJsonWebKey key) {
        return scenario.token(key, Duration.ofDays(1));
    }

    private static int status(Pipeline p, String token) {
        return p.respond(token).status();
    }

    @Test
    void whenAThousandRequestsUseKnownKeysThenNothingIsFetchedAfterTheFirst() throws Exception {
        var p = pipeline();
        var token = token(TestKeys.RSA);
        for (int i = 0; i < 1000; i++) {
            assertThat(p.authenticate(token).getName()).isEqualTo("alice");
            clock.advance(Duration.ofMillis(100)); // 100 s in all, well inside the 5 min TTL
        }

        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenFiveHundredColdRequestsArriveTogetherThenOneJwksFetchServesThemAll() throws Exception {
        issuer.delay(500);
        var p = pipeline();
        var token = token(TestKeys.RSA);

        assertThat(AllAtOnce.repeat(500, () -> status(p, token))).containsOnly(200);

        assertThat(issuer.jwksRequests()).isEqualTo(1);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
    }

    @Test
    void whenTenThousandTokensCarryRandomKidsThenFetchesStayWithinOnePerMinimumInterval() throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        var template = token(TestKeys.RSA);
        var started = clock.instant();

        for (int i = 0; i < 10_000; i++) {
            var forged = RawTokens.withHeader(template, "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"attacker-" + i + "\"}");
            assertThat(p.respond(forged).header("WWW-Authenticate").orElseThrow())
                    .contains(Reason.UNKNOWN_KEY.description());
            clock.advance(Duration.ofMillis(50));
        }

        long elapsedSeconds = Duration.between(started, clock.instant()).toSeconds(); // 500 s
        assertThat(issuer.jwksRequests() - 1).isLessThanOrEqualTo((int) (elapsedSeconds / 30) + 1);
        assertThat(issuer.jwksRequests() - 1).isGreaterThanOrEqualTo((int) (elapsedSeconds / 30) - 1);
        // the genuine key was never locked out
        assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
    }

    @Test
    void whenTheKeySetNearsItsExpiryThenItIsRefreshedAheadSoNoRequestSeesItStale() throws Exception {
        var p = pipeline(); // default TTL 5 min: refresh at 80 %, i.e. after 4 min
        p.authenticate(token(TestKeys.RSA));
        for (int minute = 1; minute <= 30; minute++) {
            clock.advance(Duration.ofMinutes(1));
            p.keys().maintain();
            p.awaitIdle();
            var snapshot = p.keys().forIssuer(issuer.issuer()).orElseThrow().snapshot();
            assertThat(snapshot.isFresh(clock.instant())).as("minute " + minute).isTrue();
            assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
        }

        // fetched at 0, then at 4, 8, ... 28 minutes: 8 in all
        assertThat(issuer.jwksRequests()).isEqualTo(8);
    }

    @Test
    void whenAKeyIsRotatedInRightAfterARefreshAheadThenItIsAcceptedOnFirstSight() throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        clock.advance(Duration.ofMinutes(4));
        p.keys().maintain();
        p.awaitIdle(); // refreshed ahead: 2 fetches
        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);
        clock.advance(Duration.ofSeconds(1));

        assertThat(p.authenticate(token(TestKeys.RSA_ROTATED)).getName()).isEqualTo("alice");
        assertThat(issuer.jwksRequests()).isEqualTo(3);
    }


    /** Requests that read the old keys just before another request's refresh landed must not be refused. */
    @Test
    void whenManyRequestsCarryARotatedInKidAtOnceThenNoneIsRefused() throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);
        String rotated = token(TestKeys.RSA_ROTATED);

        for (int round = 0; round < 40; round++) {
            var token = rotated;
            assertThat(AllAtOnce.repeat(64, () -> status(p, token))).as("round " + round).containsOnly(200);
            issuer.publish(TestKeys.RSA, round % 2 == 0 ? TestKeys.RSA_NEXT : TestKeys.RSA_ROTATED);
            rotated = token(round % 2 == 0 ? TestKeys.RSA_NEXT : TestKeys.RSA_ROTATED);
            clock.advance(Duration.ofSeconds(31)); // past the unknown-kid interval: the next kid may be fetched
        }
    }

    /** Keycloak signs with a new key the moment it is added: a refresh already on its way cannot know it. */
    @Test
    void whenAKeyIsRotatedInWhileARefreshAheadIsOnItsWayThenItIsStillAcceptedOnFirstSight() throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        clock.advance(Duration.ofMinutes(4));
        issuer.delay(300);
        p.keys().maintain(); // refresh ahead: the issuer has taken the request and answers with the old set
        while (issuer.jwksRequests() < 2) {
            Thread.sleep(5);
        }
        issuer.delay(0);
        issuer.publish(TestKeys.RSA, TestKeys.RSA_ROTATED);

        // joins the refresh under way, finds the kid still unknown, and fetches once more
        assertThat(p.authenticate(token(TestKeys.RSA_ROTATED)).getName()).isEqualTo("alice");
        assertThat(issuer.jwksRequests()).isEqualTo(3);
    }
    @Test
    void whenTheIssuerSendsAnEtagThenRefreshesAreConditionalAndA304KeepsTheKeys() throws Exception {
        issuer.etags(true);
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));

        clock.advance(Duration.ofMinutes(4));
        p.keys().maintain();
        p.awaitIdle();

        assertThat(issuer.jwksRequests()).isEqualTo(2);
        assertThat(issuer.notModifiedResponses()).isEqualTo(1);
        var snapshot = p.keys().forIssuer(issuer.issuer()).orElseThrow().snapshot();
        assertThat(snapshot.fetchedAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"UNAVAILABLE_503", "ERROR_500", "GARBAGE", "EMPTY_KEY_SET"})
    void whenTheIssuerFailsForSixHoursThenNoValidRequestFailsAndAttemptsBackOff(Failure failure) throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        issuer.fail(failure);
        int failed = 0;

        for (int second = 0; second < 6 * 3600; second += 10) {
            clock.advance(Duration.ofSeconds(10));
            p.keys().maintain();
            p.awaitIdle();
            if (status(p, token(TestKeys.RSA)) != 200) {
                failed++;
            }
        }

        assertThat(failed).isZero();
        // every attempt after a failure starts with discovery again; the first refresh is due at 4 min, then
        // waits of 5 s, 10 s, ... 160 s, then the 5 min cap: 1 + 6 + (21600 - 240 - 315) / 300 = 77 attempts
        assertThat(issuer.discoveryRequests() - 1).isBetween(75, 79);
    }

    @Test
    void whenTheOutageOutlastsTheMaximumStalenessThenRespondsWith503UntilTheFirstGoodResponse() throws Exception {
        var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.jwks.max-staleness", "6h"));
        p.authenticate(token(TestKeys.RSA));
        issuer.down(true);

        clock.advance(Duration.ofMinutes(5).plus(Duration.ofHours(6)).minusSeconds(1));
        p.keys().maintain();
        p.awaitIdle();
        var stillServed = status(p, token(TestKeys.RSA));
        clock.advance(Duration.ofSeconds(2));
        var closed = p.respond(token(TestKeys.RSA));

        assertThat(stillServed).isEqualTo(200);
        assertThat(closed.status()).isEqualTo(503);
        assertThat(closed.header("Retry-After")).isPresent();
        assertThat(closed.header("WWW-Authenticate")).isEmpty();

        issuer.down(false);
        clock.advance(Duration.ofMinutes(5)); // the longest backoff
        p.keys().maintain();
        p.awaitIdle();

        assertThat(status(p, token(TestKeys.RSA))).isEqualTo(200);
    }

    @Test
    void whenFetchAtStartupIsOnThenKeysAreFetchedBeforeAnyRequest() {
        var p = pipeline();

        p.keys().maintain();
        p.awaitIdle();

        assertThat(issuer.jwksRequests()).isEqualTo(1);
        assertThat(p.keys().forIssuer(issuer.issuer()).orElseThrow().snapshot()).isNotNull();
    }

    @Test
    void whenFetchAtStartupIsOffThenNothingIsFetchedBeforeTheFirstRequest() {
        var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.jwks.fetch-at-startup", "false"));

        p.keys().maintain();

        assertThat(issuer.jwksRequests() + issuer.discoveryRequests()).isZero();
    }

    @Test
    void whenTheStartupFetchFailsThenRequestsGet503AndTheUpkeepRetries() throws Exception {
        issuer.down(true);
        var p = pipeline();
        p.keys().maintain();
        p.awaitIdle();

        assertThat(p.respond(token(TestKeys.RSA)).status()).isEqualTo(503);

        issuer.down(false);
        clock.advance(Duration.ofSeconds(5));
        p.keys().maintain();
        p.awaitIdle();

        assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
    }

    @Test
    void whenTheIssuerIsTooSlowThenTheRequestGets503BeforeTheIssuerEvenAnswers() {
        issuer.delay(5000);
        var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.jwks-uri", issuer.jwksUri())
                .with("bearer.http.read-timeout", "200ms").with("bearer.http.connect-timeout", "200ms"));

        var response = p.respond(token(TestKeys.RSA));

        assertThat(response.status()).isEqualTo(503);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
        assertThat(issuer.completedJwksResponses()).isZero(); // gave up on the timeout, not on the answer
    }

}
