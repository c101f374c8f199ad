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
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer realm=");
    }

    @Test
    void whenTheScopeIsMissingThenTheAnswerIs403InsufficientScope() throws Exception {
        var response = send("GET", "api/orders", ISSUER.token().scopes("profile").build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"");
    }

    @Test
    void whenTheTokenHasExpiredThenTheAnswerIs401InvalidToken() throws Exception {
        var response = send("GET", "api/orders", ISSUER.token().scopes("orders:read").expired().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"", "error_description=\"The token has expired\"");
    }

    @Test
    void whenOneOfTheRolesIsPresentThenDeleteIsAllowedAndOtherwiseRefused() throws Exception {
        var support = send("DELETE", "api/orders/7", ISSUER.token().username("bob").scopes("orders:read")
                .roles("support").build());
        var clerk = send("DELETE", "api/orders/7", ISSUER.token().scopes("orders:read").roles("clerk").build());

        assertThat(support.statusCode()).isEqualTo(200);
        assertThat(support.body()).isEqualTo("deleted 7 by bob");
        assertThat(clerk.statusCode()).isEqualTo(403);
    }

    @Test
    void whenTheIssuerRotatesThenTokensOfTheNewKeyAreAccepted() throws Exception {
        var auditor = ISSUER.token().username("carol").scopes("orders:read").roles("auditor");
        assertThat(send("GET", "api/orders/audit", auditor.build()).statusCode()).isEqualTo(200);

        var next = ISSUER.rotate();
        var response = send("GET", "api/orders/audit", ISSUER.token().username("carol").scopes("orders:read")
                .roles("auditor").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("audit for carol");
        assertThat(next.kid()).isEqualTo("key-rotated-1");
    }
}
