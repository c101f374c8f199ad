package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TestIssuer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's Arquillian example: the application's own WAR, as the build packaged it, deployed with a configuration
 * that trusts the test kit's issuer (a higher config_ordinal than the WAR's production file), then real requests.
 */
@ExtendWith(ArquillianExtension.class)
class OrdersIT {

    static final TestIssuer ISSUER = TestIssuer.start("orders-api", SigningKey.rsa("key-1"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** DPoP is allowed by default, so every challenge offers it after the Bearer one (RFC 9449 §7.1). */
    private static final String AND_DPOP = ", DPoP realm=\"bearer-guard\","
            + " algs=\"ES256 ES384 ES512 EdDSA PS256 PS384 PS512 RS256 RS384 RS512\"";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive app() {
        var testConfig = ShrinkWrap.create(JavaArchive.class, "test-config.jar").addAsResource(
                new StringAsset("config_ordinal=500\n" + ISSUER.microprofileConfig()),
                "META-INF/microprofile-config.properties");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("orders.war")))
                .addAsLibrary(testConfig);
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    private static String refused(String code, String description) {
        return "Bearer realm=\"bearer-guard\", error=\"" + code + "\", error_description=\"" + description + "\""
                + AND_DPOP;
    }

    private static String challenge(HttpResponse<String> response) {
        return String.join(", ", response.headers().allValues("WWW-Authenticate"));
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whenTheTokenHasTheScopeThenTheCallerGetsTheirOrders() throws Exception {
        var response = send("GET", "api/orders", ISSUER.token().username("alice").scopes("orders:read").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders of alice");
    }

    @Test
    void whenNoTokenIsSentThenTheAnswerIs401WithTheBearerChallenge() throws Exception {
        var response = send("GET", "api/orders", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo("Bearer realm=\"bearer-guard\"" + AND_DPOP);
    }

    @Test
    void whenTheScopeIsMissingThenTheAnswerIs403InsufficientScope() throws Exception {
        var response = send("GET", "api/orders", ISSUER.token().scopes("profile").build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(challenge(response)).isEqualTo("Bearer realm=\"bearer-guard\", error=\"insufficient_scope\","
                + " error_description=\"The token lacks a required scope\", scope=\"orders:read\"" + AND_DPOP);
    }

    @Test
    void whenTheTokenHasExpiredThenTheAnswerIs401InvalidToken() throws Exception {
        var response = send("GET", "api/orders", ISSUER.token().scopes("orders:read").expired().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo(refused("invalid_token", "The token has expired"));
    }

    @Test
    void whenTheTokenIsSignedWithAnUnpublishedKeyThenTheAnswerIs401() throws Exception {
        var forged = ISSUER.token().scopes("orders:read").signedWith(SigningKey.rsa(ISSUER.signingKey().kid()));

        var response = send("GET", "api/orders", forged.build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo(refused("invalid_token", "The token signature is invalid"));
    }

    @Test
    void whenTheTokenIsForAnotherAudienceThenTheAnswerIs401() throws Exception {
        var response = send("GET", "api/orders", ISSUER.token().scopes("orders:read").audience("other-api").build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo(refused("invalid_token", "The token is not meant for this audience"));
    }

    @Test
    void whenRolesAllowedNamesARoleTheTokenLacksThenTheAnswerIs403() throws Exception {
        var response = send("GET", "api/orders/audit", ISSUER.token().scopes("orders:read").roles("clerk").build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(challenge(response)).isEqualTo(refused("insufficient_scope", "The token lacks a required role"));
    }

    @Test
    void whenOneOfTheRolesIsPresentThenDeleteIsAllowedAndOtherwiseRefused() throws Exception {
        var support = send("DELETE", "api/orders/7", ISSUER.token().username("bob").scopes("orders:read")
                .roles("support").build());
        var clerk = send("DELETE", "api/orders/7", ISSUER.token().scopes("orders:read").roles("clerk").build());

        assertThat(support.statusCode()).isEqualTo(200);
        assertThat(support.body()).isEqualTo("deleted 7 by bob");
        assertThat(clerk.statusCode()).isEqualTo(403);
        assertThat(challenge(clerk)).isEqualTo(refused("insufficient_scope", "The token lacks a required role"));
    }

    @Test
    void whenTheIssuerRotatesThenTokensOfTheNewKeyAreAccepted() throws Exception {
        var before = ISSUER.token().username("carol").scopes("orders:read").roles("auditor").build();
        assertThat(send("GET", "api/orders/audit", before).statusCode()).isEqualTo(200);
        var fetches = ISSUER.jwksRequests();

        var next = ISSUER.rotate();
        var response = send("GET", "api/orders/audit", ISSUER.token().username("carol").scopes("orders:read")
                .roles("auditor").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("audit for carol");
        assertThat(ISSUER.jwksRequests()).as("the unknown kid made the application fetch the keys once")
                .isEqualTo(fetches + 1);
        assertThat(next.kid()).isEqualTo("key-rotated-1");
        assertThat(send("GET", "api/orders/audit", before).statusCode()).isEqualTo(200);
    }
}
