package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Instant;
import org.bearerguard.it.app.CorsFilter;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Protected resource metadata (RFC 9728) on a real server: the documents at the root and path-inserted locations
 * within the context root, byte for byte, for resources with DPoP allowed, required and off; every challenge names
 * its resource's metadata; the resource identifier is the audience (RFC 8707); step-up (RFC 9470); and a browser
 * client can read the challenge through the application's CORS.
 */
@ExtendWith(ArquillianExtension.class)
class ResourceMetadataIT {

    private static final JwksServer ISSUER = JwksServer.start(TestKeys.RSA);
    private static final JwksServer PARTNER = JwksServer.start(TestKeys.EC);

    static final String RESOURCE = "https://shop.example/metadata";
    static final String WELL_KNOWN = RESOURCE + "/.well-known/oauth-protected-resource";
    static final String ALGS = "[\"ES256\",\"ES384\",\"ES512\",\"EdDSA\",\"PS256\",\"PS384\",\"PS512\",\"RS256\","
            + "\"RS384\",\"RS512\"]";

    @ArquillianResource
    private URL deployment;

    private Http http;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.guardedApp("metadata", String.join("\n",
                "bearer.issuer=" + ISSUER.issuer(),
                "bearer.realm=it",
                "bearer.resource=" + RESOURCE,
                "bearer.resource.paths=/api/orders,/api/dpop-only,/api/discovery/legacy",
                "bearer.resource.name=IT shop",
                "bearer.issuers.partner.issuer=" + PARTNER.issuer()) + "\n");
    }

    @AfterAll
    static void stopIssuers() {
        ISSUER.close();
        PARTNER.close();
    }

    @BeforeEach
    void client() {
        http = new Http(deployment);
    }

    private static TestTokens token(String audience) {
        return TestTokens.rs256().issuer(ISSUER.issuer()).audience(audience);
    }

    private String servers() {
        return "\"authorization_servers\":[\"" + ISSUER.issuer() + "\",\"" + PARTNER.issuer() + "\"],";
    }

    @Test
    void whenTheRootLocationIsFetchedThenItsDocumentDescribesTheRestOfTheApplication() {
        var response = http.get(".well-known/oauth-protected-resource");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=300");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.body()).isEqualTo("{\"resource\":\"" + RESOURCE + "\"," + servers()
                + "\"scopes_supported\":[\"orders:read\"],\"bearer_methods_supported\":[\"header\"],"
                + "\"resource_name\":\"IT shop\",\"dpop_signing_alg_values_supported\":" + ALGS + "}");
    }

    @Test
    void whenPathInsertedLocationsAreFetchedThenEachDocumentSaysWhatItsResourceTakes() {
        assertThat(http.get(".well-known/oauth-protected-resource/api/orders").body()).isEqualTo(
                "{\"resource\":\"" + RESOURCE + "/api/orders\"," + servers()
                        + "\"scopes_supported\":[\"orders:read\"],\"bearer_methods_supported\":[\"header\"],"
                        + "\"resource_name\":\"IT shop\",\"dpop_signing_alg_values_supported\":" + ALGS + "}");
        assertThat(http.get(".well-known/oauth-protected-resource/api/dpop-only").body()).isEqualTo(
                "{\"resource\":\"" + RESOURCE + "/api/dpop-only\"," + servers()
                        + "\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"IT shop\","
                        + "\"dpop_signing_alg_values_supported\":" + ALGS + ","
                        + "\"dpop_bound_access_tokens_required\":true}");
        assertThat(http.get(".well-known/oauth-protected-resource/api/discovery/legacy").body()).as("DPoP off")
                .isEqualTo("{\"resource\":\"" + RESOURCE + "/api/discovery/legacy\"," + servers()
                        + "\"scopes_supported\":[\"legacy:read\"],\"bearer_methods_supported\":[\"header\"],"
                        + "\"resource_name\":\"IT shop\"}");
    }

    @Test
    void whenAnotherLocationOrMethodIsAskedForThen404Or405() {
        assertThat(http.get(".well-known/oauth-protected-resource/api").statusCode()).isEqualTo(404);
        assertThat(http.get(".well-known/oauth-protected-resource/api/orders/7").statusCode()).isEqualTo(404);
        var post = http.exchange("POST", ".well-known/oauth-protected-resource");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void whenABrowserPreflightsTheMetadataThenAnyOriginMayReadIt() {
        var response = http.exchange("OPTIONS", ".well-known/oauth-protected-resource/api/orders",
                "Origin", CorsFilter.ORIGIN, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "mcp-protocol-version");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("*");
    }

    @Test
    void whenNoTokenComesThenThe401NamesTheScopesAndTheMetadataOfTheResource() {
        var metadata = ", resource_metadata=\"" + WELL_KNOWN + "/api/orders\"";

        var response = http.get("api/orders");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"it\","
                + " scope=\"orders:read\"" + metadata + Challenges.AND_DPOP + metadata);
    }

    @Test
    void whenATokenLacksTheScopeThenThe403NamesItAndTheMetadata() {
        var metadata = ", resource_metadata=\"" + WELL_KNOWN + "/api/orders\"";

        var response = http.bearer("api/orders", token(RESOURCE + "/api/orders").scope("profile").build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"it\","
                + " error=\"insufficient_scope\", error_description=\"The token lacks a required scope\","
                + " scope=\"orders:read\"" + metadata + Challenges.AND_DPOP + metadata);
    }

    @Test
    void whenATokenNamesTheResourceOfThePathThenItIsServedAndOtherResourcesRefuseIt() {
        var forOrders = token(RESOURCE + "/api/orders").scope("orders:read").build();

        assertThat(http.bearer("api/orders", forOrders).statusCode()).isEqualTo(200);
        var elsewhere = http.bearer("api/me", forOrders);
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(elsewhere.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"it\","
                + " error=\"invalid_token\", error_description=\"The token is not meant for this audience\","
                + " resource_metadata=\"" + WELL_KNOWN + "\"" + Challenges.AND_DPOP + ", resource_metadata=\""
                + WELL_KNOWN + "\"");
        assertThat(http.bearer("api/orders", token(RESOURCE).scope("orders:read").build()).statusCode())
                .as("a token for the application's root resource").isEqualTo(401);
    }

    @Test
    void whenDpopIsRequiredOrOffThenTheChallengeIsThatSchemesAlone() {
        assertThat(http.get("api/dpop-only").headers().allValues("WWW-Authenticate")).containsExactly(
                "DPoP realm=\"it\", " + Challenges.DPOP_ALGS + ", resource_metadata=\"" + WELL_KNOWN
                        + "/api/dpop-only\"");
        assertThat(http.get("api/discovery/legacy").headers().allValues("WWW-Authenticate")).containsExactly(
                "Bearer realm=\"it\", scope=\"legacy:read\", resource_metadata=\"" + WELL_KNOWN
                        + "/api/discovery/legacy\"");
    }

    @Test
    void whenTheLoginIsNotStrongEnoughThenA401AsksForTheAcrValues() {
        var weak = http.bearer("api/discovery/step-up", token(RESOURCE).claim("acr", "bronze").build());

        assertThat(weak.statusCode()).isEqualTo(401);
        assertThat(weak.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"it\","
                + " error=\"insufficient_user_authentication\", error_description=\"A different authentication level"
                + " is required\", acr_values=\"gold silver\", resource_metadata=\"" + WELL_KNOWN + "\""
                + Challenges.AND_DPOP + ", resource_metadata=\"" + WELL_KNOWN + "\"");
        assertThat(http.bearer("api/discovery/step-up", token(RESOURCE).claim("acr", "silver").build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void whenTheLoginIsTooOldThenA401AsksForMaxAge() {
        var now = Instant.now().getEpochSecond();

        var stale = http.bearer("api/discovery/recent", token(RESOURCE).claim("auth_time", now - 3600).build());

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"it\","
                + " error=\"insufficient_user_authentication\", error_description=\"More recent authentication is"
                + " required\", max_age=\"300\", resource_metadata=\"" + WELL_KNOWN + "\"" + Challenges.AND_DPOP
                + ", resource_metadata=\"" + WELL_KNOWN + "\"");
        assertThat(http.bearer("api/discovery/recent", token(RESOURCE).claim("auth_time", now - 10).build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void whenTheApplicationAllowsABrowserOriginThenItsClientCanReadTheChallenge() {
        var response = http.exchange("GET", "api/orders", "Origin", CorsFilter.ORIGIN);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CorsFilter.ORIGIN);
        assertThat(response.headers().allValues("Access-Control-Expose-Headers"))
                .containsExactly("X-Request-Id, WWW-Authenticate");
    }
}
