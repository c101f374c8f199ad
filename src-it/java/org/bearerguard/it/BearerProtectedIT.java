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
 * The library on a real server (OpenLiberty or Payara Micro, one failsafe execution each), over real HTTP, with the
 * issuer's discovery and JWKS served from this JVM on 127.0.0.1. The first test runs while the issuer is down.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BearerProtectedIT {

    /** Starts down: the first request must find no keys at all. */
    private static final JwksServer ISSUER = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED).down(true);

    @ArquillianResource
    private URL deployment;

    private Http http;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.guardedApp("guarded", String.join("\n",
                "bearer.issuer=" + ISSUER.issuer(),
                "bearer.audience=api",
                "bearer.realm=it",
                "bearer.jwks.min-refresh-interval=1s",
                "bearer.jwks.retry-interval=1s",
                ""));
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @BeforeEach
    void client() {
        http = new Http(deployment);
    }

    private static TestTokens token() {
        return TestTokens.rs256().issuer(ISSUER.issuer());
    }

    private static String invalidToken(String description) {
        return "Bearer realm=\"it\", error=\"invalid_token\", error_description=\"" + description + "\"";
    }

    /** Only a healthy deployment of our filter answers with this realm. */
    private static final String CHALLENGE = "Bearer realm=\"it\"";

    @Test
    @Order(1)
    void whenTheIssuerIsDownBeforeFirstUseThenRespondsWith503AndRetryAfter() {
        assertThat(http.get("api/health").body()).contains("\"status\":\"up\"");

        var response = http.bearer("api/me", token().build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
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
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"it\","
                + " error=\"invalid_request\", error_description=\"More than one Authorization header\"");
    }

    @Test
    @Order(7)
    void whenAScopeIsMissingThenRespondsWith403InsufficientScope() {
        assertThat(http.bearer("api/orders", token().build()).body()).contains("\"owner\":\"alice\"");

        var response = http.bearer("api/orders", token().scope("openid").build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"it\","
                + " error=\"insufficient_scope\", error_description=\"The token lacks a required scope\","
                + " scope=\"orders:read\"");
    }

    @Test
    @Order(8)
    void whenARoleIsRequiredThenOnlyTokensWithItPass() {
        assertThat(http.bearer("api/admin", token().roles("admin").build()).body()).contains("\"admin\":\"alice\"");
        var refused = http.bearer("api/admin", token().roles("user").build());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
                .endsWith("error_description=\"The token lacks a required role\", scope=\"admin\"");
    }

    @Test
    @Order(9)
    void whenRolesAllowedIsOnTheMethodThenItIsDecidedOnTheTokenRoles() {
        assertThat(http.bearer("api/staff", token().roles("staff").build()).body()).contains("\"staff\":\"alice\"");

        var refused = http.bearer("api/staff", token().roles("user").build());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).endsWith("scope=\"staff\"");
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
}
