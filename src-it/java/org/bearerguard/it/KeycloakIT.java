package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.it.DemoRealmCallers.assertAliceWithOrdersRead;
import static org.bearerguard.it.DemoRealmCallers.assertServiceAccount;
import static org.bearerguard.it.DemoRealmCallers.demoClient;
import static org.bearerguard.it.DemoRealmCallers.payload;
import static org.bearerguard.it.DemoRealmCallers.user;
import static org.bearerguard.it.keycloak.Keycloak.DEMO;
import static org.bearerguard.it.keycloak.Keycloak.MASTER;
import static org.bearerguard.it.keycloak.Keycloak.PARTNER;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.bearerguard.it.keycloak.BrowserLogin;
import org.bearerguard.it.keycloak.Keycloak;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
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
 * Real Keycloak tokens on a real server. The build starts one Keycloak for all test classes and both servers, with
 * the realms of {@code server-config/keycloak}: {@code demo} (the default issuer) and {@code partner} (a second
 * issuer); {@code master} is a realm nobody configured. A third issuer, whose keys the last test rotates, is a realm
 * made for this run from {@code rotation-realm-template.json}, so each server starts from the same keys. The demo
 * realm's client {@code demo-dpop-cli} gets only DPoP-bound tokens (RFC 9449), bound to {@link TestKeys#EC}.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

    private static final Keycloak KEYCLOAK = Keycloak.fromSystemProperty();
    private static final String ROTATION = "rotation-" + System.getProperty("it.server");
    /** bearer.jwks.min-refresh-interval: an issuer's tokens with a new {@code kid} make one refresh per interval. */
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

    @ArquillianResource
    private URL deployment;

    private Http http;

    @Deployment(testable = false)
    static WebArchive app() {
        KEYCLOAK.createRealm(ROTATION, Path.of("server-config/keycloak/rotation-realm-template.json"));
        return Deployments.guardedApp("keycloak", String.join("\n",
                "bearer.issuer=" + KEYCLOAK.issuer(DEMO),
                "bearer.audience=bearer-guard-demo",
                "bearer.client-id=bearer-guard-demo",
                "bearer.realm=it",
                "bearer.clock-skew=1s",
                "bearer.jwks.min-refresh-interval=" + MIN_REFRESH_INTERVAL.toSeconds() + "s",
                "bearer.issuers.partner.issuer=" + KEYCLOAK.issuer(PARTNER),
                "bearer.issuers.partner.audience=partner-api",
                "bearer.issuers.rotation.issuer=" + KEYCLOAK.issuer(ROTATION),
                "bearer.issuers.rotation.audience=rotation-api",
                // Keycloak sends Cache-Control: no-cache, so keys live min-ttl: 2 s here, a minute by default
                "bearer.issuers.rotation.jwks.min-ttl=2s",
                ""));
    }

    @BeforeEach
    void client() {
        http = new Http(deployment);
    }

    private static String rotationToken() {
        return KEYCLOAK.clientCredentials(ROTATION, "rotation-cli", "rotation-cli-secret", "");
    }

    private static String invalidToken(String description) {
        return Challenges.invalidToken(description);
    }

    // ---- DPoP (RFC 9449): the WWW-Authenticate values bearer-guard answers, each one header value ----------------

    /** A DPoP-bound token sent as a bearer token (§7.2): both challenges, the DPoP one naming the algorithms. */
    private static final String BOUND_TOKEN_WITHOUT_PROOF =
            invalidToken("The token is bound to a key that the request does not prove");
    /** A proof whose {@code jti} was seen before (§11.1). */
    private static final String PROOF_REPLAYED = Challenges.dpop(", error=\"invalid_dpop_proof\","
            + " error_description=\"The DPoP proof has been used before\"");
    /** A valid proof of a key that is not the token's {@code cnf.jkt} (§7.1). */
    private static final String PROOF_OF_ANOTHER_KEY = Challenges.dpop(", error=\"invalid_token\","
            + " error_description=\"The token is bound to another key than the DPoP proof\"");

    private static final String EC_THUMBPRINT = TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256");

    /** A client-credentials token of {@code demo-dpop-cli}, which Keycloak binds to {@link TestKeys#EC}. */
    private static String dpopToken() {
        return KEYCLOAK.dpopClientCredentials(DEMO, "demo-dpop-cli", "demo-dpop-cli-secret", TestKeys.EC, "ES256");
    }

    /** A fresh proof for {@code GET path} with this token, signed by {@link TestKeys#EC}. */
    private TestProofs proof(String path, String token) {
        return TestProofs.forRequest("GET", http.uri(path)).accessToken(token);
    }

    @Test
    @Order(1)
    void whenAClientCredentialsTokenIsSentThenTheServiceAccountIsTheCaller() {
        assertServiceAccount(KEYCLOAK, http.until(r -> r.statusCode() == 200, "api/me", demoClient(KEYCLOAK, "")));
    }

    @Test
    @Order(2)
    void whenAKeycloakIdTokenIsSentAsABearerTokenThenItIsRefusedAsNotAnAccessToken() {
        // signed by the trusted realm's key: only its payload typ "ID" tells it apart (RFC 9068 §4)
        var idToken = KEYCLOAK.idToken(DEMO, "demo-cli", "demo-cli-secret", "alice", "alice");

        var response = http.bearer("api/me", idToken);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token type is not accepted"));
    }

    @Test
    @Order(2)
    void whenAPasswordGrantTokenIsSentThenRealmRolesClientRolesAndScopesAreMapped() {
        var token = user(KEYCLOAK, "alice", "orders:read");

        assertAliceWithOrdersRead(http, token);
    }

    @Test
    @Order(3)
    void whenTheOptionalScopeWasNotAskedForThenScopeProtectedResourcesAnswer403() {
        var token = user(KEYCLOAK, "bob", "");

        assertThat(http.bearer("api/admin", token).body()).contains("\"admin\":\"bob\"");
        var orders = http.bearer("api/orders", token);
        assertThat(orders.statusCode()).isEqualTo(403);
        assertThat(orders.headers().allValues("WWW-Authenticate")).containsExactly(Challenges.bearer(
                ", error=\"insufficient_scope\", error_description=\"The token lacks a required scope\","
                + " scope=\"orders:read\""));
        assertThat(http.bearer("api/staff", token).statusCode()).isEqualTo(403); // bob is not staff
    }

    @Test
    @Order(4)
    void whenATokenWasMintedForAnotherAudienceThenItIsRejected() {
        var token = KEYCLOAK.clientCredentials(DEMO, "reports-cli", "reports-cli-secret", "");

        var response = http.bearer("api/me", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token is not meant for this audience"));
    }

    @Test
    @Order(5)
    void whenATokenComesFromARealmThatIsNotConfiguredThenItIsRejected() {
        var token = KEYCLOAK.clientCredentials(MASTER, "bearer-guard-admin", "bearer-guard-admin-secret", "");

        var response = http.bearer("api/me", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token issuer is not trusted"));
    }

    @Test
    @Order(6)
    void whenAShortLivedTokenExpiresThenItIsRejectedAsExpired() {
        // the client short-lived-cli has an access token lifespan of 2 s; the deployment allows 1 s of skew
        var token = KEYCLOAK.clientCredentials(DEMO, "short-lived-cli", "short-lived-cli-secret", "");
        assertThat(http.bearer("api/me", token).statusCode()).isEqualTo(200);

        var response = http.until(r -> r.statusCode() != 200, "api/me", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token has expired"));
    }

    @Test
    @Order(7)
    void whenTwoRealmsAreTwoIssuersThenEachIsAcceptedOnlyWhereAllowed() {
        var partner = KEYCLOAK.serviceToken(PARTNER);

        assertThat(http.bearer("api/me", partner).body()).contains("\"name\":\"service-account-partner-cli\"");
        assertThat(http.bearer("api/partner-only", partner).body()).contains(KEYCLOAK.issuer(PARTNER));
        var demoAtPartnerOnly = http.bearer("api/partner-only", demoClient(KEYCLOAK, ""));
        assertThat(demoAtPartnerOnly.statusCode()).isEqualTo(401);
        assertThat(demoAtPartnerOnly.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token issuer is not trusted"));
        // each realm's audience belongs to that realm: a partner token names partner-api, which demo does not accept
        var partnerAudienceFromDemo = KEYCLOAK.clientCredentials(DEMO, "reports-cli", "reports-cli-secret", "");
        assertThat(http.bearer("api/partner-only", partnerAudienceFromDemo).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(8)
    void whenATokenNamesTheEncryptionKeyOfTheJwksThenThatKeyIsNeverUsedToVerify() {
        var encryption = KEYCLOAK.publishedKeys(DEMO).stream().filter(k -> "enc".equals(k.get("use")))
                .findFirst().orElseThrow();
        assertThat(encryption).containsEntry("alg", "RSA-OAEP");
        var valid = demoClient(KEYCLOAK, "");
        var body = valid.substring(valid.indexOf('.'));

        var namingEncKey = header(Map.of("alg", "RS256", "typ", "JWT", "kid", encryption.get("kid"))) + body;
        var response = http.bearer("api/me", namingEncKey);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token signing key is unknown"));
        var withEncAlgorithm = header(Map.of("alg", "RSA-OAEP", "typ", "JWT", "kid", encryption.get("kid"))) + body;
        assertThat(http.bearer("api/me", withEncAlgorithm).headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token signing algorithm is not accepted"));
        assertThat(http.bearer("api/me", valid).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(8)
    @SuppressWarnings("unchecked")
    void whenKeycloakBindsATokenToTheProofKeyThenItsPayloadSaysDpopAndCarriesTheKeyThumbprint() throws Exception {
        var claims = payload(dpopToken());

        // Keycloak 26.7.3: payload typ DPoP (its bearer tokens say Bearer), header typ still JWT
        assertThat(claims).containsEntry("typ", "DPoP").containsEntry("aud", "bearer-guard-demo")
                .containsEntry("azp", "demo-dpop-cli");
        // cnf also holds Keycloak's own member kc-jkt-type (DPoP) beside jkt (RFC 9449 §6.1)
        assertThat((Map<String, Object>) claims.get("cnf"))
                .containsEntry("jkt", TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256"));
    }

    @Test
    @Order(8)
    void whenADpopBoundTokenComesWithAFreshProofEachTimeThenEveryRequestIsAccepted() {
        var token = dpopToken();

        for (var i = 0; i < 3; i++) {
            var response = http.dpop("api/me", token, proof("api/me", token).build());

            assertThat(response.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(response.body()).contains("\"name\":\"service-account-demo-dpop-cli\"")
                    .contains("\"scheme\":\"DPoP\"").contains("\"dpopKey\":\"" + EC_THUMBPRINT + "\"");
        }
    }

    @Test
    @Order(8)
    void whenAResourceRequiresDpopByAnnotationThenABearerTokenIsRefusedAndADpopOneAccepted() {
        var bearer = http.bearer("api/dpop-only", demoClient(KEYCLOAK, ""));
        var token = dpopToken();
        var dpop = http.dpop("api/dpop-only", token, proof("api/dpop-only", token).build());

        assertThat(bearer.statusCode()).isEqualTo(401);
        assertThat(bearer.headers().allValues("WWW-Authenticate")).containsExactly(Challenges.dpop(
                ", error=\"invalid_token\", error_description=\"This resource requires a DPoP-bound token\""));
        assertThat(dpop.statusCode()).isEqualTo(200);
        assertThat(dpop.body()).isEqualTo("{\"dpopKey\":\"" + EC_THUMBPRINT + "\"}");
    }

    @Test
    @Order(8)
    void whenADpopBoundTokenIsSentAsABearerTokenThenItIsRefusedWithBothChallenges() {
        var token = dpopToken();

        var response = http.bearer("api/me", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(BOUND_TOKEN_WITHOUT_PROOF);
    }

    @Test
    @Order(8)
    void whenTheSameProofIsSentTwiceThenTheSecondRequestIsRefusedAsAReplay() {
        var token = dpopToken();
        var proof = proof("api/me", token).build();
        assertThat(http.dpop("api/me", token, proof).statusCode()).isEqualTo(200);

        var replayed = http.dpop("api/me", token, proof);

        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.headers().allValues("WWW-Authenticate")).containsExactly(PROOF_REPLAYED);
    }

    @Test
    @Order(8)
    void whenTheProofIsSignedByAnotherKeyThanTheTokenIsBoundToThenItIsRefused() {
        var token = dpopToken();
        var otherKey = proof("api/me", token).signedBy(TestProofs.EC_OTHER, "ES256").build();

        var response = http.dpop("api/me", token, otherKey);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(PROOF_OF_ANOTHER_KEY);
        // the key the token is bound to still works with it
        assertThat(http.dpop("api/me", token, proof("api/me", token).build()).statusCode()).isEqualTo(200);
    }

    private static String header(Map<String, Object> fields) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                org.jose4j.json.JsonUtil.toJson(fields).getBytes(StandardCharsets.UTF_8));
    }

    // ---- step-up (RFC 9470): acr and auth_time as Keycloak issues them ---------------------------------------------

    /** A user of the demo realm signing in on Keycloak's login page through the web client {@code demo-web}. */
    private static final BrowserLogin WEB = new BrowserLogin(KEYCLOAK, DEMO, "demo-web", "demo-web-secret");

    private static String stepUp(String description, String params) {
        return Challenges.bearer(", error=\"insufficient_user_authentication\", error_description=\"" + description
                + "\"" + params);
    }

    @Test
    @Order(8)
    void whenAUserSignedInOnKeycloaksLoginPageThenItsAcrAndAuthTimeMeetTheStepUpResources() throws Exception {
        var token = WEB.signIn("alice");

        // the realm maps the level reached with a password (1) to acr "silver" (acr.loa.map in demo-realm.json)
        assertThat(payload(token)).containsEntry("acr", "silver").containsKey("auth_time");
        assertThat(http.bearer("api/discovery/step-up", token).statusCode()).as("acr gold or silver").isEqualTo(200);
        assertThat(http.bearer("api/discovery/recent", token).statusCode()).as("maxAge 300").isEqualTo(200);
    }

    @Test
    @Order(8)
    void whenTheResourceNeedsAHigherLevelThanTheLoginReachedThenA401AsksForItsAcrValues() {
        var response = http.bearer("api/discovery/gold", WEB.signIn("alice"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(stepUp(
                "A different authentication level is required", ", acr_values=\"gold\""));
    }

    @Test
    @Order(8)
    void whenATokenCameFromAPasswordGrantThenItHasNoAuthTimeAndAMaxAgeResourceAsksForARecentLogin()
            throws Exception {
        var token = user(KEYCLOAK, "alice", "");

        assertThat(payload(token)).doesNotContainKey("auth_time");
        var response = http.bearer("api/discovery/recent", token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(stepUp(
                "More recent authentication is required", ", max_age=\"300\""));
    }

    /**
     * A rotation as an operator does it in Keycloak's admin console, while clients keep calling with fresh tokens: a
     * new RSA key (Keycloak signs with it at once), the old key passive, then disabled, then the realm on ES256.
     */
    @Test
    @Order(9)
    void whenKeysRotateUnderLoadThenNoValidRequestFailsAndTheDisabledKeyIsRefused() throws Exception {
        var oldToken = rotationToken();
        assertThat(http.until(r -> r.statusCode() == 200, "api/me", oldToken).statusCode()).isEqualTo(200);
        var oldKey = KEYCLOAK.keyProvider(ROTATION, "rsa-generated");

        RequestLoop load;
        try (var loop = new RequestLoop(http, "api/me", KeycloakIT::rotationToken, 2)) {
            load = loop;
            loop.await(20);
            KEYCLOAK.addKeyProvider(ROTATION, "rsa-next", "rsa-generated", Map.of("priority", "200"));
            loop.await(40);
            KEYCLOAK.setComponent(ROTATION, oldKey, "active", "false"); // passive: published, no longer signing
            loop.await(40);
            KEYCLOAK.setComponent(ROTATION, oldKey, "enabled", "false"); // gone from the JWKS
            loop.await(40);
            // the new RSA key used the unknown-kid allowance: a second new key within the interval would be refused
            // until the next refresh (by design, against floods of made-up kids), so the operator waits it out
            loop.awaitPastNewestSigner(MIN_REFRESH_INTERVAL);
            KEYCLOAK.addKeyProvider(ROTATION, "ec-next", "ecdsa-generated",
                    Map.of("priority", "300", "ecdsaEllipticCurveKey", "P-256"));
            KEYCLOAK.adminUpdate(ROTATION, Map.of("defaultSignatureAlgorithm", "ES256"));
            loop.await(40);
        }

        System.out.printf("rotation under load on %s: %d requests, tokens by signer %s, failed %s%n",
                System.getProperty("it.server"), load.requests(), load.signers(), load.failures());
        assertThat(load.failures()).as("failed requests of %d", load.requests()).isEmpty();
        var signers = load.signers().keySet();
        assertThat(signers).as("keys the tokens were signed with").hasSize(3)
                .contains(RequestLoop.signer(oldToken))
                .anySatisfy(s -> assertThat(s).startsWith("ES256 "));
        var refused = http.until(r -> r.statusCode() == 401, "api/me", oldToken);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The token signing key is unknown"));
    }
}
