package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library on a real server (OpenLiberty, Payara Micro or Payara Server, one failsafe execution each), over real
 * HTTP, with the issuer's discovery and JWKS served from this JVM on 127.0.0.1. The first test runs while the issuer is down.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BearerProtectedIT {

    /** Starts down: the first request must find no keys at all. */
    private static final JwksServer ISSUER = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED).down(true)
            .cacheControl("max-age=2");
    /** A second configured issuer, named "partner". */
    private static final JwksServer PARTNER = JwksServer.start(TestKeys.EC);

    @ArquillianResource
    private URL deployment;

    private Http http;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.guardedApp("guarded", ISSUER,
                "bearer.realm=it",
                "bearer.jwks.min-refresh-interval=1s",
                "bearer.jwks.retry-interval=1s",
                "bearer.jwks.max-backoff=2s",
                "bearer.jwks.min-ttl=1s",
                "bearer.issuers.partner.issuer=" + PARTNER.issuer(),
                "bearer.issuers.partner.audience=partner-api");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
        PARTNER.close();
    }

    @BeforeEach
    void client() {
        http = new Http(deployment);
    }

    private static TestTokens token() {
        return TestTokens.rs256().issuer(ISSUER.issuer());
    }

    private static String invalidToken(String description) {
        return Challenges.invalidToken(description);
    }

    /** A missing role is refused without naming it: {@code scope=} names scopes only (RFC 6750 §3). */
    private static final String ROLE_MISSING = Challenges.bearer(", error=\"insufficient_scope\","
            + " error_description=\"The token lacks a required role\"");

    /** Only a healthy deployment of our filter answers with this realm. */
    private static final String CHALLENGE = Challenges.BARE;

    @Test
    @Order(1)
    void whenTheIssuerIsDownBeforeFirstUseThenRespondsWith503AndRetryAfter() {
        assertThat(http.get("api/health").body()).contains("\"status\":\"up\"");

        var response = http.bearer("api/me", token().build());

        assertThat(response.statusCode()).isEqualTo(503);
        // the start-up fetch already failed: retry after the current backoff (1 s, then 2 s)
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).isIn("1", "2"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        ISSUER.down(false);
    }

    @Test
    @Order(2)
    void whenRs256TokenIsValidThenTheApplicationSeesTheCaller() {
        var response = http.until(r -> r.statusCode() == 200, "api/me", token().roles("user").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"name\":\"alice\"")
                .contains("\"principalType\":\"BearerPrincipal\"")
                .contains("\"scheme\":\"Bearer\"")
                .contains("\"userInRoleUser\":true")
                .contains("\"secure\":false")
                .contains("\"injectedName\":\"alice\"")
                .contains("\"injectedSubject\":\"user-1\"")
                .contains("\"bean\":\"alice@" + ISSUER.issuer() + "\"");
    }

    @Test
    @Order(3)
    void whenTokenIsSignedWithEs256Ps256OrEdDsaThenItIsAccepted() {
        for (var token : new String[] {
                TestTokens.signedBy(TestKeys.EC, "ES256").issuer(ISSUER.issuer()).build(),
                TestTokens.signedBy(TestKeys.RSA, "PS256").issuer(ISSUER.issuer()).build(),
                TestTokens.signedBy(TestKeys.ED, "EdDSA").issuer(ISSUER.issuer()).build()}) {
            var response = http.bearer("api/me", token);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"name\":\"alice\"");
        }
    }

    @Test
    @Order(4)
    void whenThereIsNoTokenThenRespondsWith401AndABareChallenge() {
        var response = http.get("api/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
    }

    @Test
    @Order(5)
    void whenTokenIsInvalidThenRespondsWith401InvalidToken() {
        var publicKeyAsSecret = new HmacKey(TestKeys.RSA.getPublicKey().getEncoded());
        var cases = new String[][] {
                {token().expired().build(), "The token has expired"},
                {token().issuer("https://evil.example").build(), "The token issuer is not trusted"},
                {token().audience("another-api").build(), "The token is not meant for this audience"},
                {token().unsigned("none").build(), "The token signing algorithm is not accepted"},
                {token().header("alg", "HS256").signingKey(publicKeyAsSecret).build(),
                        "The token signing algorithm is not accepted"},
                {TestTokens.signedBy(TestKeys.ATTACKER, "RS256").issuer(ISSUER.issuer()).build(),
                        "The token signature is invalid"},
                {"not-a-jwt", "The token is not a well-formed signed JWT"}};
        for (var c : cases) {
            var response = http.bearer("api/me", c[0]);
            assertThat(response.statusCode()).as(c[1]).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(invalidToken(c[1]));
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("org.");
        }
    }

    @Test
    @Order(6)
    void whenTwoAuthorizationHeadersAreSentThenRespondsWith400InvalidRequest() {
        var response = http.get("api/me", "Bearer " + token().build(), "Bearer " + token().build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(Challenges.bearer(
                ", error=\"invalid_request\", error_description=\"More than one Authorization header\""));
    }

    @Test
    @Order(7)
    void whenAScopeIsMissingThenRespondsWith403InsufficientScope() {
        assertThat(http.bearer("api/orders", token().build()).body()).contains("\"owner\":\"alice\"");

        var response = http.bearer("api/orders", token().scope("openid").build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(Challenges.bearer(
                ", error=\"insufficient_scope\", error_description=\"The token lacks a required scope\","
                + " scope=\"orders:read\""));
    }

    @Test
    @Order(8)
    void whenARoleIsRequiredThenOnlyTokensWithItPass() {
        assertThat(http.bearer("api/admin", token().roles("admin").build()).body()).contains("\"admin\":\"alice\"");
        var refused = http.bearer("api/admin", token().roles("user").build());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly(ROLE_MISSING);
    }

    @Test
    @Order(9)
    void whenRolesAllowedIsOnTheMethodThenItIsDecidedOnTheTokenRoles() {
        assertThat(http.bearer("api/staff", token().roles("staff").build()).body()).contains("\"staff\":\"alice\"");

        var refused = http.bearer("api/staff", token().roles("user").build());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly(ROLE_MISSING);
    }

    @Test
    @Order(10)
    void whenAKeyIsRotatedInAtTheIssuerThenItIsAcceptedWithoutRestart() {
        ISSUER.publish(TestKeys.RSA, TestKeys.RSA_ROTATED, TestKeys.EC, TestKeys.ED);
        var rotated = TestTokens.signedBy(TestKeys.RSA_ROTATED, "RS256").issuer(ISSUER.issuer())
                .expiresIn(Duration.ofMinutes(5)).build();

        var response = http.until(r -> r.statusCode() == 200, "api/me", rotated);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"alice\"");
    }

    @Test
    @Order(11)
    void whenTheIssuerGoesDownAndRotatesWhileRequestsFlowThenNoValidRequestFails() throws Exception {
        var current = token().expiresIn(Duration.ofMinutes(5)).build();
        var next = TestTokens.signedBy(TestKeys.RSA_NEXT, "RS256").issuer(ISSUER.issuer())
                .expiresIn(Duration.ofMinutes(5)).build();
        var failures = new java.util.ArrayList<String>();
        int requests = 0;
        long start = System.nanoTime();
        for (long elapsed = 0; elapsed < 12_000; elapsed = (System.nanoTime() - start) / 1_000_000) {
            if (elapsed >= 2_000 && elapsed < 6_000) {
                ISSUER.down(true); // the key set expires every 2 s: refreshes fail, the last good keys serve
            } else if (elapsed >= 6_000) {
                ISSUER.down(false).publish(TestKeys.RSA, TestKeys.RSA_ROTATED, TestKeys.RSA_NEXT, TestKeys.EC,
                        TestKeys.ED);
            }
            var token = elapsed >= 8_000 ? next : current; // the issuer signs with the new key 2 s after publishing
            var response = http.bearer("api/me", token);
            requests++;
            if (response.statusCode() != 200) {
                failures.add(elapsed + " ms: " + response.statusCode() + " " + response.headers().map());
            }
            Thread.sleep(20);
        }

        assertThat(failures).isEmpty();
        assertThat(requests).isGreaterThan(100);
        assertThat(ISSUER.jwksRequests()).isGreaterThan(3); // refreshed ahead, also during the outage
    }

    @Test
    @Order(12)
    void whenTwoIssuersAreConfiguredThenEachSignsForItselfAndAResourceCanAcceptOnlyOne() {
        var partnerToken = TestTokens.signedBy(TestKeys.EC, "ES256").issuer(PARTNER.issuer())
                .audience("partner-api").build();

        assertThat(http.bearer("api/me", partnerToken).body()).contains("\"name\":\"alice\"");
        assertThat(http.bearer("api/partner-only", partnerToken).body()).contains(PARTNER.issuer());
        var refused = http.bearer("api/partner-only", token().build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token issuer is not trusted"));
        var forged = TestTokens.signedBy(TestKeys.RSA, "RS256").issuer(PARTNER.issuer()).audience("partner-api")
                .build();
        assertThat(http.bearer("api/me", forged).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(13)
    void whenAnOpenResourceIsCalledFirstThenAnotherResourceInheritingTheSameMethodKeepsItsOwnRules() {
        var user = token().roles("user").build();
        assertThat(http.bearer("api/catalog/1", user).body()).isEqualTo("{\"id\":\"1\"}");

        var refused = http.bearer("api/back-office/1", user);
        var partner = http.bearer("api/back-office/1", TestTokens.signedBy(TestKeys.EC, "ES256")
                .issuer(PARTNER.issuer()).audience("partner-api").roles("admin").build());
        var sealed = http.bearer("api/sealed/1", user);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly(ROLE_MISSING);
        assertThat(partner.statusCode()).isEqualTo(401);
        assertThat(partner.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token issuer is not trusted"));
        assertThat(sealed.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(14)
    void whenARestrictedResourceIsCalledFirstThenAnOpenOneInheritingTheSameMethodStaysOpenToAnyValidToken() {
        assertThat(http.bearer("api/back-office", token().roles("admin").build()).body()).isEqualTo("{\"items\":[]}");

        var response = http.bearer("api/catalog", token().roles("user").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[]}");
    }

    @Test
    @Order(15)
    void whenBearerProtectedIsOnASuperclassOrAnInterfaceThenTheResourceIsNotOpen() {
        for (var path : new String[] {"api/inherited/1", "api/by-interface"}) {
            var response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).as(path).containsExactly(CHALLENGE);
        }
        assertThat(http.bearer("api/inherited/1", token().build()).statusCode()).isEqualTo(200);
        assertThat(http.bearer("api/by-interface", token().build()).body()).isEqualTo("{\"orders\":[]}");
        assertThat(http.bearer("api/by-interface", token().scope("openid").build()).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(16)
    void whenASubResourceLocatorIsProtectedThenWhatItReturnsIsProtectedToo() {
        var anonymous = http.get("api/admin-area/users");
        var user = http.bearer("api/admin-area/users", token().roles("user").build());
        var admin = http.bearer("api/admin-area/users", token().roles("admin").build());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.headers().allValues("WWW-Authenticate")).containsExactly(ROLE_MISSING);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("{\"users\":[\"alice\"]}");
    }
}
