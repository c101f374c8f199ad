package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bearer-guard's MicroProfile Metrics on the real server (OpenLiberty with mpMetrics-5.1, Payara's own): the
 * server's {@code /metrics} scraped before and after a known sequence of requests, each counter's change asserted
 * exactly, and the key set fetches it counts equal to the requests the test's JWKS server counted itself.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final JwksServer ISSUER = JwksServer.start(TestKeys.RSA);
    /** The test application's second issuer, which its resources name. */
    private static final JwksServer PARTNER = JwksServer.start(TestKeys.EC);

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive app() {
        // not "metrics": that context root is the server's own /metrics (OpenLiberty refuses the application,
        // SRVE0164E; Payara Micro serves it 404)
        return Deployments.guardedApp("counted", ISSUER,
                "bearer.jwks.min-refresh-interval=1s",
                "bearer.jwks.retry-interval=1s",
                "bearer.issuers.partner.issuer=" + PARTNER.issuer(),
                "bearer.issuers.partner.audience=partner-api");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
        PARTNER.close();
    }

    private static TestTokens token() {
        return TestTokens.rs256().issuer(ISSUER.issuer());
    }

    @Test
    void whenAKnownSequenceOfRequestsIsSentThenEachCounterChangesByExactlyItsCount() throws Exception {
        var http = new Http(deployment);
        var metrics = new Http(URI.create("http://127.0.0.1:" + deployment.getPort() + "/"));
        var good = token().build();
        // the start-up fetch has landed once a token is let in
        assertThat(http.until(r -> r.statusCode() == 200, "api/me", good).statusCode()).isEqualTo(200);
        Thread.sleep(1100); // past min-refresh-interval: the unknown kid below may refresh once

        var before = scrape(metrics);
        int jwksBefore = ISSUER.jwksRequests();

        assertThat(http.bearer("api/me", good).statusCode()).isEqualTo(200); // a cache hit
        assertThat(http.bearer("api/me", token().roles("user").build()).statusCode()).isEqualTo(200);
        assertThat(http.bearer("api/me", token().expired().build()).statusCode()).isEqualTo(401);
        assertThat(http.bearer("api/me", token().signingKey(TestKeys.ATTACKER.getPrivateKey()).build()).statusCode())
                .isEqualTo(401);
        assertThat(http.bearer("api/me", token().kid("no-such-kid").build()).statusCode()).isEqualTo(401);
        assertThat(http.bearer("api/me", token().issuer("https://evil.example").build()).statusCode())
                .isEqualTo(401);
        assertThat(http.get("api/me").statusCode()).isEqualTo(401);
        assertThat(http.get("api/me", "Bearer not.a.jwt").statusCode()).isEqualTo(401);

        var after = scrape(metrics);
        keep(metrics);
        var delta = new Delta(before, after);

        assertThat(delta.of("bearerguard_verifications_total", "issuer", "default", "outcome", "accepted"))
                .isEqualTo(2);
        assertThat(delta.of("bearerguard_verifications_total", "issuer", "default", "outcome", "expired"))
                .isEqualTo(1);
        assertThat(delta.of("bearerguard_verifications_total", "issuer", "default", "outcome", "bad_signature"))
                .isEqualTo(1);
        assertThat(delta.of("bearerguard_verifications_total", "issuer", "default", "outcome", "unknown_key"))
                .isEqualTo(1);
        assertThat(delta.of("bearerguard_verifications_total", "issuer", "(unknown)", "outcome",
                "issuer_not_trusted")).isEqualTo(1);
        assertThat(delta.of("bearerguard_verifications_total", "issuer", "(unknown)", "outcome",
                "missing_credentials")).isEqualTo(1);
        assertThat(delta.of("bearerguard_verifications_total", "issuer", "(unknown)", "outcome",
                "malformed_token")).isEqualTo(1);
        assertThat(delta.sum("bearerguard_verifications_total")).isEqualTo(8);
        assertThat(delta.of("bearerguard_unknown_kid_refusals_total", "issuer", "default")).isEqualTo(1);
        assertThat(delta.of("bearerguard_token_cache_lookups_total", "result", "hit")).isEqualTo(1);
        assertThat(delta.of("bearerguard_token_cache_lookups_total", "result", "miss")).isEqualTo(6);
        assertThat(delta.sum(after.timerCount("bearerguard_verification_duration"))).isEqualTo(8);

        // fetches: as many as the issuer answered, in the sequence and since the application started
        int jwksAfter = ISSUER.jwksRequests();
        assertThat(delta.of("bearerguard_jwks_fetches_total", "issuer", "default")).isEqualTo(jwksAfter - jwksBefore);
        assertThat(after.sum("bearerguard_jwks_fetches_total", "issuer", "default")).isEqualTo(jwksAfter);
        assertThat(after.sum("bearerguard_jwks_fetches_total", "issuer", "default", "outcome", "success"))
                .isEqualTo(jwksAfter);
        assertThat(after.sum("bearerguard_jwks_fetches_total", "issuer", "partner"))
                .isEqualTo(PARTNER.jwksRequests());
        assertThat(after.sum(after.timerCount("bearerguard_jwks_fetch_duration"), "issuer", "default"))
                .isEqualTo(jwksAfter);
        assertThat(after.sum(after.gaugeName("bearerguard_keys_age"), "issuer", "default")).isBetween(0.0, 120.0);
    }

    /** bearer-guard's part of the last scrape, for the reader: target/metrics-scrape-<server>.txt. */
    private static void keep(Http metrics) throws java.io.IOException {
        var lines = metrics.get("metrics?scope=application").body().lines()
                .filter(l -> l.contains("bearerguard")).toList();
        java.nio.file.Files.write(java.nio.file.Path.of("target", "metrics-scrape-" + System.getProperty("it.server")
                + ".txt"), lines);
    }

    private static Scrape scrape(Http metrics) {
        var response = metrics.get("metrics?scope=application");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    /** One scrape of the OpenMetrics / Prometheus text: each sample by its name and labels. */
    record Scrape(Map<String, Map<Map<String, String>, Double>> samples) {

        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static Scrape parse(String text) {
            var samples = new HashMap<String, Map<Map<String, String>, Double>>();
            for (var line : text.split("\n")) {
                var m = SAMPLE.matcher(line);
                if (line.startsWith("#") || !m.matches()) {
                    continue;
                }
                var labels = new HashMap<String, String>();
                if (m.group(2) != null) {
                    var l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                samples.computeIfAbsent(m.group(1), n -> new HashMap<>()).put(labels, Double.parseDouble(m.group(3)));
            }
            return new Scrape(samples);
        }

        /** The sum of the samples of {@code name} whose labels include these (name, value, …); 0 when none. */
        double sum(String name, String... labels) {
            double sum = 0;
            for (var e : samples.getOrDefault(name, Map.of()).entrySet()) {
                boolean all = true;
                for (int i = 0; i < labels.length; i += 2) {
                    all &= labels[i + 1].equals(e.getKey().get(labels[i]));
                }
                sum += all ? e.getValue() : 0;
            }
            return sum;
        }

        /** A timer's count sample, whatever unit suffix the server gives it ({@code _seconds_count}). */
        String timerCount(String base) {
            return samples.keySet().stream().filter(n -> n.startsWith(base) && n.endsWith("_count")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + base + "*_count in " + samples.keySet()));
        }

        /** A gauge, whatever unit suffix the server gives it ({@code _seconds}). */
        String gaugeName(String base) {
            return samples.keySet().stream().filter(n -> n.startsWith(base)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + base + "* in " + samples.keySet()));
        }
    }

    /** The change of each counter between two scrapes (a series missing before counts from 0). */
    record Delta(Scrape before, Scrape after) {

        long of(String name, String... labels) {
            return Math.round(after.sum(name, labels) - before.sum(name, labels));
        }

        long sum(String name) {
            return of(name);
        }
    }
}
