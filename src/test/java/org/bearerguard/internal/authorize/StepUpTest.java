package org.bearerguard.internal.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bearerguard.testing.TestRequests.bearer;

import jakarta.ws.rs.GET;
import java.time.Duration;
import java.time.Instant;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.internal.error.ErrorResponder;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestChallenges;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Step-up authentication (RFC 9470): {@code @BearerProtected(acr, maxAge)}, and the 401 that asks for more. */
class StepUpTest {

    public static class Payments {
        @GET
        @BearerProtected(acr = {"gold", "silver"}, scopes = "pay")
        public String pay() {
            return "";
        }

        @GET
        @BearerProtected(maxAge = 300)
        public String recent() {
            return "";
        }

        @GET
        @BearerProtected(acr = "gold", maxAge = 60)
        public String both() {
            return "";
        }

        @GET
        @BearerProtected(acr = "a b")
        public String spaced() {
            return "";
        }
    }

    private static final MutableClock CLOCK = new MutableClock();
    private static final Instant NOW = CLOCK.instant();
    private static JwksServer issuer;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).build(), CLOCK);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    private static Requirement of(String method) throws Exception {
        return ResourceRules.of(Payments.class, Payments.class.getMethod(method)).orElseThrow();
    }

    private static TestTokens token() {
        return TestTokens.rs256().issuer(issuer.issuer()).scope("pay");
    }

    private static String challenge(String description, String params) {
        return "Bearer realm=\"test\", error=\"insufficient_user_authentication\", error_description=\"" + description
                + "\"" + params + TestChallenges.AND_DPOP;
    }

    @Test
    void whenTheAcrIsOneOfTheRequiredThenTheRequestIsServed() throws Exception {
        assertThat(pipeline.respond(bearer(token().claim("acr", "silver").build()), of("pay")).status())
                .isEqualTo(200);
    }

    @Test
    void whenTheAcrIsAnotherOrMissingOrNotAStringThenA401AsksForTheAcrValuesInOrderOfPreference() throws Exception {
        for (var t : new String[] {token().claim("acr", "bronze").build(), token().build(),
                token().claim("acr", 1).build()}) {
            var response = pipeline.respond(bearer(t), of("pay"));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers().get(ErrorResponder.WWW_AUTHENTICATE)).isEqualTo(challenge(
                    "A different authentication level is required", ", acr_values=\"gold silver\""));
            assertThat(response.json()).hasValue("{\"error\":\"insufficient_user_authentication\","
                    + "\"error_description\":\"A different authentication level is required\"}");
        }
    }

    @Test
    void whenTheUserAuthenticatedWithinMaxAgeThenTheRequestIsServed() throws Exception {
        var response = pipeline.respond(bearer(token().claim("auth_time", NOW.getEpochSecond() - 300).build()),
                of("recent"));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void whenAuthTimeIsOlderThanMaxAgeOrMissingThenA401AsksForMaxAge() throws Exception {
        for (var t : new String[] {token().claim("auth_time", NOW.getEpochSecond() - 301).build(), token().build(),
                token().claim("auth_time", "yesterday").build()}) {
            var response = pipeline.respond(bearer(t), of("recent"));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers().get(ErrorResponder.WWW_AUTHENTICATE)).isEqualTo(challenge(
                    "More recent authentication is required", ", max_age=\"300\""));
        }
    }

    @Test
    void whenBothAreRequiredThenTheChallengeNamesBoth() throws Exception {
        var stale = token().claim("acr", "gold").claim("auth_time", NOW.minus(Duration.ofMinutes(5)).getEpochSecond());

        assertThat(pipeline.respond(bearer(stale.build()), of("both")).headers().get(ErrorResponder.WWW_AUTHENTICATE))
                .isEqualTo(challenge("More recent authentication is required",
                        ", acr_values=\"gold\", max_age=\"60\""));
    }

    @Test
    void whenTheAuthenticationFallsShortAndAScopeIsMissingThenStepUpIsAskedForFirst() throws Exception {
        var response = pipeline.respond(bearer(token().scope("other").claim("acr", "bronze").build()), of("pay"));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void whenAnAcrValueCannotBeSentInAChallengeThenTheStartFails() {
        assertThatThrownBy(() -> ResourceRules.of(Payments.class, Payments.class.getMethod("spaced")))
                .isInstanceOf(BearerConfigException.class).hasMessageContaining("names acr 'a b'");
    }
}
