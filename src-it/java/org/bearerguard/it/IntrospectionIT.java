package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.it.DemoRealmCallers.assertAliceWithOrdersRead;
import static org.bearerguard.it.DemoRealmCallers.assertServiceAccount;
import static org.bearerguard.it.DemoRealmCallers.demoClient;
import static org.bearerguard.it.DemoRealmCallers.payload;
import static org.bearerguard.it.DemoRealmCallers.user;
import static org.bearerguard.it.keycloak.Keycloak.DEMO;
import static org.bearerguard.it.keycloak.Keycloak.PARTNER;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.bearerguard.it.keycloak.Keycloak;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Token introspection (RFC 7662) at the build's real Keycloak, on a real server: the demo realm is the one issuer, with
 * {@code bearer.introspection=all}, so every token of the realm has its signature checked here and its claims taken
 * from Keycloak's introspection endpoint. The resource server introspects as its own client {@code bearer-guard-demo}
 * ({@code client_secret_basic}, the default): Keycloak (since 26.6.2) answers {@code active: true} only to a client in
 * the token's {@code aud}. The realm's client {@code demo-light-cli} gets lightweight access tokens, which carry no
 * {@code aud}, roles or names: only their introspection does. Active results are kept 2 s, inactive ones not at all.
 * The realm {@code partner} is a second issuer, without introspection (the test application names it).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntrospectionIT {

    private static final Keycloak KEYCLOAK = Keycloak.fromSystemProperty();
    /** The resource server's client in the realm: the audience of the tokens, and the client that introspects. */
    private static final String RESOURCE_SERVER = "bearer-guard-demo";
    private static final String RESOURCE_SERVER_SECRET = "bearer-guard-demo-secret";
    /** bearer.introspection.cache-time of the deployment. */
    private static final Duration CACHE_TIME = Duration.ofSeconds(2);
    /** How long a revoked token may take to be refused here: the cache time, and ample room for a loaded machine. */
    private static final Duration REFUSAL_DEADLINE = Duration.ofSeconds(10);

    private static final String INACTIVE = Challenges.invalidToken("The token is not active");

    @ArquillianResource
    private URL deployment;

    private Http http;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.guardedApp("introspection", String.join("\n",
                "bearer.issuer=" + KEYCLOAK.issuer(DEMO),
                "bearer.audience=bearer-guard-demo",
                "bearer.client-id=bearer-guard-demo",
                "bearer.realm=it",
                "bearer.introspection=all",
                "bearer.introspection.client-id=" + RESOURCE_SERVER,
                "bearer.introspection.client-secret=" + RESOURCE_SERVER_SECRET,
                "bearer.introspection.cache-time=" + CACHE_TIME.toSeconds() + "s",
                "bearer.introspection.inactive-cache-time=0s",
                // never inherited: this issuer's tokens are verified here alone
                "bearer.issuers.partner.issuer=" + KEYCLOAK.issuer(PARTNER),
                "bearer.issuers.partner.audience=partner-api",
                ""));
    }

    @BeforeEach
    void client() {
        http = new Http(deployment);
    }

    /** A lightweight access token of a user (password grant of {@code demo-light-cli}). */
    private static String lightweightUser(String name, String scope) {
        return KEYCLOAK.password(DEMO, "demo-light-cli", "demo-light-cli-secret", name, name, scope);
    }

    /** What Keycloak itself answers the resource server's client about this token right now. */
    private static Map<String, Object> keycloakIntrospects(String token) {
        return KEYCLOAK.introspect(DEMO, RESOURCE_SERVER, RESOURCE_SERVER_SECRET, token);
    }

    /** Repeats the request until it is no longer accepted, for at most {@link #REFUSAL_DEADLINE}. */
    private HttpResponse<String> untilRefused(String path, String token) throws InterruptedException {
        var deadline = System.nanoTime() + REFUSAL_DEADLINE.toNanos();
        var response = http.bearer(path, token);
        while (response.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = http.bearer(path, token);
        }
        return response;
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    @Test
    @Order(1)
    void whenAClientCredentialsTokenIsIntrospectedThenTheServiceAccountIsTheCaller() {
        assertServiceAccount(KEYCLOAK, http.until(r -> r.statusCode() == 200, "api/me", demoClient(KEYCLOAK, "")));
    }

    @Test
    @Order(2)
    void whenAPasswordGrantTokenIsIntrospectedThenRealmRolesClientRolesAndScopesAreMapped() {
        var token = user(KEYCLOAK, "alice", "orders:read");

        assertAliceWithOrdersRead(http, token);
    }

    @Test
    @Order(2)
    void whenALightweightTokenIsSentThenItsNameRolesAndScopesComeFromItsIntrospection() throws Exception {
        var token = lightweightUser("alice", "orders:read");
        // Keycloak 26.7.3 leaves all of these out of a lightweight token; its introspection has them
        assertThat(payload(token)).containsEntry("azp", "demo-light-cli")
                .doesNotContainKeys("aud", "sub", "preferred_username", "realm_access", "resource_access");
        var subject = keycloakIntrospects(token).get("sub");
        assertThat(subject).isInstanceOf(String.class);

        var me = http.bearer("api/me", token);

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"name\":\"alice\"").contains("\"injectedSubject\":\"" + subject + "\"")
                .contains("\"userInRoleUser\":true")
                .containsPattern("\"roles\":\\[[^]]*\"staff\"").containsPattern("\"roles\":\\[[^]]*\"orders-clerk\"")
                .containsPattern("\"scopes\":\\[[^]]*\"orders:read\"");
        assertThat(http.bearer("api/orders", token).body()).contains("\"owner\":\"alice\"");
        assertThat(http.bearer("api/staff", token).body()).contains("\"staff\":\"alice\"");
    }

    @Test
    @Order(2)
    void whenALightweightTokenLacksTheScopeOfAResourceThenItAnswers403AndItsRolesStillCount() {
        var token = lightweightUser("bob", "");

        assertThat(http.bearer("api/admin", token).body()).contains("\"admin\":\"bob\""); // realm role admin
        var orders = http.bearer("api/orders", token);
        assertThat(orders.statusCode()).isEqualTo(403);
        assertThat(orders.headers().allValues("WWW-Authenticate")).containsExactly(Challenges.bearer(
                ", error=\"insufficient_scope\", error_description=\"The token lacks a required scope\","
                + " scope=\"orders:read\""));
    }

    @Test
    @Order(3)
    void whenATokenIsRevokedAtKeycloakThenItIsRefusedOnceItsCachedResultHasExpired() throws Exception {
        var token = demoClient(KEYCLOAK, "");
        var cachedFrom = System.nanoTime(); // no later than the result is cached: the age below is an upper bound
        assertThat(http.bearer("api/me", token).statusCode()).isEqualTo(200);

        KEYCLOAK.revoke(DEMO, "demo-cli", "demo-cli-secret", token);
        assertThat(keycloakIntrospects(token)).containsEntry("active", false);

        var cached = http.bearer("api/me", token);
        assertThat(cached.statusCode()).as("answered from the result cached %d ms before, with cache-time %s",
                millisSince(cachedFrom), CACHE_TIME).isEqualTo(200);
        var refused = untilRefused("api/me", token);
        assertThat(refused.statusCode()).as("%d ms after it was cached", millisSince(cachedFrom)).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly(INACTIVE);
    }

    @Test
    @Order(3)
    void whenTheSessionOfATokenIsLoggedOutThenItIsRefusedOnceItsCachedResultHasExpired() throws Exception {
        var session = KEYCLOAK.passwordSession(DEMO, "demo-cli", "demo-cli-secret", "alice", "alice", "");
        var cachedFrom = System.nanoTime();
        assertThat(http.bearer("api/me", session.accessToken()).body()).contains("\"name\":\"alice\"");

        KEYCLOAK.logout(DEMO, "demo-cli", "demo-cli-secret", session.refreshToken());
        assertThat(keycloakIntrospects(session.accessToken())).containsEntry("active", false);

        var cached = http.bearer("api/me", session.accessToken());
        assertThat(cached.statusCode()).as("answered from the result cached %d ms before, with cache-time %s",
                millisSince(cachedFrom), CACHE_TIME).isEqualTo(200);
        var refused = untilRefused("api/me", session.accessToken());
        assertThat(refused.statusCode()).as("%d ms after it was cached", millisSince(cachedFrom)).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly(INACTIVE);
    }

    @Test
    @Order(4)
    void whenATokenIsForAnotherAudienceThenKeycloakCallsItInactiveAndItIsRefused() {
        // aud reports-api: Keycloak answers active only to a client in aud, and bearer-guard-demo is not
        var token = KEYCLOAK.clientCredentials(DEMO, "reports-cli", "reports-cli-secret", "");

        var response = http.bearer("api/me", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(INACTIVE);
    }

    @Test
    @Order(4)
    void whenTheSignatureOfARealmTokenIsForgedThenItIsRefusedHereNotByIntrospection() {
        var token = demoClient(KEYCLOAK, "");
        var signature = token.substring(token.lastIndexOf('.') + 1);
        // a character in the middle: the last one of an RS256 signature may carry only padding bits
        var changed = signature.charAt(20) == 'A' ? 'B' : 'A';
        var forged = token.substring(0, token.lastIndexOf('.') + 1) + signature.substring(0, 20) + changed
                + signature.substring(21);

        var response = http.bearer("api/me", forged);

        // Keycloak would call it inactive ("The token is not active"): this answer comes from the local check
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly(Challenges.invalidToken("The token signature is invalid"));
        assertThat(http.bearer("api/me", token).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void whenAnotherIssuerDoesNotIntrospectThenItsTokensAreStillVerifiedHere() {
        var partner = KEYCLOAK.serviceToken(PARTNER);

        assertThat(http.bearer("api/partner-only", partner).body()).contains(KEYCLOAK.issuer(PARTNER));
        var demoAtPartnerOnly = http.bearer("api/partner-only", demoClient(KEYCLOAK, ""));
        assertThat(demoAtPartnerOnly.statusCode()).isEqualTo(401);
        assertThat(demoAtPartnerOnly.headers().allValues("WWW-Authenticate"))
                .containsExactly(Challenges.invalidToken("The token issuer is not trusted"));
    }
}
