package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Health on the real server (OpenLiberty with {@code mpHealth-4.0}, Payara's own): the server's
 * {@code /health/started} and {@code /health/ready} through a start with the issuer down, its recovery, an outage
 * past the key set's expiry and past {@code max-staleness}, and the recovery from it; each document asserted whole.
 * The issuer's keys live 3 s ({@code max-age=3}) and serve stale for 4 s more; the start grace is 30 s.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {

    /** Down at the start: no keys until the test brings it up. */
    private static final JwksServer ISSUER = JwksServer.start(TestKeys.RSA).down(true).cacheControl("max-age=3");
    /** Always up, with the default lifetime of 5 min: fresh throughout. */
    private static final JwksServer PARTNER = JwksServer.start(TestKeys.EC);

    @ArquillianResource
    private URL deployment;

    private Http http;

    @Deployment(testable = false)
    static WebArchive app() {
        // not "health": on OpenLiberty that context root collides with the server's own /health (SRVE0164E)
        return Deployments.guardedApp("probed", ISSUER,
                "bearer.health.start-grace=30s",
                "bearer.jwks.min-ttl=1s",
                "bearer.jwks.max-staleness=4s",
                "bearer.jwks.retry-interval=1s",
                "bearer.jwks.max-backoff=1s",
                "bearer.issuers.partner.issuer=" + PARTNER.issuer());
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

    @Test
    @Order(1)
    void whenTheIssuerIsDownAtTheStartThenStartupAndReadinessAreDownWhileLoading() {
        // the partner's first fetch runs in the background as the application starts
        var started = await("/health/started", r -> entry(r, "partner").equals("fresh"));

        assertHealth(started, 503, "DOWN", "loading", "fresh");
        assertHealth(http.get("/health/ready"), 503, "DOWN", "loading", "fresh");
    }

    @Test
    @Order(2)
    void whenTheStartGraceEndsWithoutKeysThenReadinessIsDownAndStartupUp() {
        var ready = await("/health/ready", r -> entry(r, "default").equals("no keys"));

        assertHealth(ready, 503, "DOWN", "no keys", "fresh");
        assertHealth(http.get("/health/started"), 200, "UP", "no keys", "fresh");
        assertThat(http.bearer("api/me", token()).statusCode()).isEqualTo(503);
    }

    @Test
    @Order(3)
    void whenTheIssuerComesUpThenBothChecksAreUpAndFresh() {
        ISSUER.down(false);

        var ready = await("/health/ready", r -> r.statusCode() == 200);

        assertHealth(ready, 200, "UP", "fresh", "fresh");
        assertHealth(http.get("/health/started"), 200, "UP", "fresh", "fresh");
        assertThat(http.bearer("api/me", token()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void whenTheIssuerGoesDownPastTheKeySetsExpiryThenReadinessStaysUpWithItsAge() {
        ISSUER.down(true);

        var ready = await("/health/ready", r -> entry(r, "default").startsWith("stale"));

        assertThat(ready.statusCode()).isEqualTo(200);
        var age = entry(ready, "default");
        assertThat(age).matches("stale age=[3-7]s");
        assertHealth(ready, 200, "UP", age, "fresh");
        assertThat(http.bearer("api/me", token()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void whenTheOutageOutlastsMaxStalenessThenReadinessIsDownAsTokensGet503() {
        var ready = await("/health/ready", r -> r.statusCode() == 503);

        var unusable = entry(ready, "default");
        assertThat(unusable).matches("unusable age=([7-9]|[1-5][0-9])s");
        assertHealth(ready, 503, "DOWN", unusable, "fresh");
        assertThat(http.bearer("api/me", token()).statusCode()).isEqualTo(503);
        // startup is over: it stays up
        assertThat(http.get("/health/started").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void whenTheIssuerRecoversThenReadinessIsUpAndFreshAgain() {
        ISSUER.down(false);

        var ready = await("/health/ready", r -> r.statusCode() == 200);

        assertHealth(ready, 200, "UP", "fresh", "fresh");
        assertThat(http.bearer("api/me", token()).statusCode()).isEqualTo(200);
    }

    private static String token() {
        return TestTokens.rs256().issuer(ISSUER.issuer()).build();
    }

    /**
     * The whole document: its status and one check, {@code bearer-guard}, with this status and exactly these two
     * entries.
     */
    private static void assertHealth(HttpResponse<String> response, int httpStatus, String status, String issuer,
                                     String partner) {
        var expected = Json.createObjectBuilder()
                .add("status", status)
                .add("checks", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "bearer-guard")
                        .add("status", status)
                        .add("data", Json.createObjectBuilder().add("default", issuer).add("partner", partner))))
                .build();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(httpStatus);
        assertThat(json(response)).as(response.body()).isEqualTo(expected);
    }

    private static JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** The issuer's entry in the document's {@code bearer-guard} check, or "" when there is none. */
    private static String entry(HttpResponse<String> response, String issuer) {
        try {
            for (var check : json(response).getJsonArray("checks")) {
                var object = check.asJsonObject();
                if (object.getString("name").equals("bearer-guard")) {
                    return object.getJsonObject("data").getString(issuer, "");
                }
            }
        } catch (RuntimeException e) {
            // not a health document (yet): go on asking
        }
        return "";
    }

    /** Asks until the answer fits, for at most 60 s; the last answer either way. */
    private HttpResponse<String> await(String path, Predicate<HttpResponse<String>> done) {
        return http.getUntil(done, path, Duration.ofSeconds(60));
    }
}
