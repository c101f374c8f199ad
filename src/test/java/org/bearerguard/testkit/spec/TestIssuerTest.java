package org.bearerguard.testkit.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints and configuration a {@link TestIssuer} offers, over real HTTP. */
class TestIssuerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final TestIssuer issuer = TestIssuer.start();

    @AfterEach
    void close() {
        issuer.close();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return JsonUtil.parseJson(response.body());
    }

    @Test
    void whenStartedThenItsIssuerIsALoopbackUrlWithAPath() {
        assertThat(issuer.issuer()).matches("http://127\\.0\\.0\\.1:\\d+/realm-[0-9a-f]+");
        assertThat(issuer.jwksUri()).isEqualTo(issuer.issuer() + "/jwks");
    }

    @Test
    void whenDiscoveryIsAskedThenItNamesTheIssuerAndTheJwks() throws Exception {
        var response = get(issuer.issuer() + "/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response)).isEqualTo(Map.of("issuer", issuer.issuer(), "jwks_uri", issuer.jwksUri(),
                "authorization_endpoint", issuer.issuer() + "/authorize", "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"), "id_token_signing_alg_values_supported",
                List.of("RS256")));
    }

    @Test
    void whenRfc8414MetadataIsAskedThenItIsTheSameDocumentAtTheHostsWellKnownPath() throws Exception {
        var port = URI.create(issuer.issuer()).getPort();
        var response = get("http://127.0.0.1:" + port + "/.well-known/oauth-authorization-server"
                + URI.create(issuer.issuer()).getPath());

        assertThat(json(response)).containsEntry("issuer", issuer.issuer()).containsEntry("jwks_uri", issuer.jwksUri());
        assertThat(issuer.metadataRequests()).isEqualTo(1);
    }

    @Test
    void whenTheJwksIsAskedThenItPublishesThePublicKeysOnly() throws Exception {
        var keys = (List<?>) json(get(issuer.jwksUri())).get("keys");

        assertThat(keys).hasSize(1);
        @SuppressWarnings("unchecked")
        var key = (Map<String, Object>) keys.get(0);
        assertThat(key).containsEntry("kid", "key-1").containsEntry("kty", "RSA").containsEntry("use", "sig")
                .containsKeys("n", "e").doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void whenKeysOfEveryTypeArePublishedThenNoPrivateMemberIsServed() throws Exception {
        issuer.publish(SigningKey.rsa("r"), SigningKey.ec("e"), SigningKey.forAlgorithm("e5", "ES512"),
                SigningKey.ed25519("o"));

        var keys = (List<?>) json(get(issuer.jwksUri())).get("keys");

        assertThat(keys).hasSize(4).allSatisfy(key -> assertThat(((Map<?, ?>) key).keySet().stream()
                .map(Object::toString).toList()).doesNotContainAnyElementsOf(
                        List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k")));
    }

    @Test
    void whenAPathMerelyStartsLikeAnEndpointThenItIsNotFound() throws Exception {
        assertThat(get(issuer.jwksUri() + "x").statusCode()).isEqualTo(404);
        assertThat(get(issuer.issuer() + "/.well-known/openid-configuration/more").statusCode()).isEqualTo(404);
        assertThat(get(issuer.issuer().replaceFirst("/realm-.*", "/realm/jwks")).statusCode()).isEqualTo(404);
        assertThat(issuer.jwksRequests()).isZero();
    }

    @Test
    void whenTwoIssuersStartThenTheirIssuersDifferInPathToo() {
        try (var other = TestIssuer.start()) {
            assertThat(URI.create(other.issuer()).getPath()).isNotEqualTo(URI.create(issuer.issuer()).getPath());
        }
    }

    @Test
    void whenManyThreadsRotateAtOnceThenNoKeyIsLost() throws Exception {
        var threads = 16;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<SigningKey>>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    return issuer.rotate();
                }));
            }
            start.countDown();
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(issuer.publishedKeys()).hasSize(threads + 1);
        assertThat(kids()).hasSize(threads + 1).doesNotHaveDuplicates();
    }

    @Test
    void whenNoAudienceIsGivenThenTheIssuerRefusesToStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestIssuer.start(null, SigningKey.ec("k")))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("an audience");
    }

    @Test
    void whenTheAudienceHasABackslashThenThePropertiesTextReadsBackTheSame() throws Exception {
        try (var odd = TestIssuer.start(" api\\v2", SigningKey.ec("k"))) {
            var read = new java.util.Properties();
            read.load(new java.io.StringReader(odd.microprofileConfig()));

            assertThat(read.getProperty("bearer.audience")).isEqualTo(" api\\v2");
            assertThat(read.getProperty("bearer.issuer")).isEqualTo(odd.issuer());
        }
    }

    @Test
    void whenRotatedThenTheNewKeySignsAndIsPublishedFirstBesideThePreviousOne() throws Exception {
        var next = issuer.rotate();

        assertThat(issuer.token().build()).isNotNull();
        assertThat(issuer.signingKey()).isEqualTo(next);
        assertThat(kids()).isEqualTo(List.of("key-rotated-1", "key-1"));
    }

    @Test
    void whenKeysArePublishedThenExactlyThoseAreServed() throws Exception {
        var only = SigningKey.ec("ec-only");
        issuer.publish(only);

        assertThat(kids()).isEqualTo(List.of("ec-only"));
        assertThat(issuer.signingKey()).isEqualTo(only);
    }

    @Test
    void whenDownThenEveryEndpointAnswers503AndRequestsAreStillCounted() throws Exception {
        issuer.down(true);

        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(503);
        assertThat(get(issuer.issuer() + "/.well-known/openid-configuration").statusCode()).isEqualTo(503);
        assertThat(issuer.jwksRequests()).isEqualTo(1);

        issuer.down(false);
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(200);
    }

    @Test
    void whenConfigIsAskedThenItIsTheIssuerAndItsAudience() {
        assertThat(issuer.config()).isEqualTo(Map.of("bearer.issuer", issuer.issuer(), "bearer.audience", "api"));
        assertThat(issuer.config("partner")).isEqualTo(Map.of("bearer.issuers.partner.issuer", issuer.issuer(),
                "bearer.issuers.partner.audience", "api"));
        assertThat(issuer.microprofileConfig())
                .isEqualTo("bearer.issuer=" + issuer.issuer() + "\nbearer.audience=api\n");
    }

    @Test
    void whenClosedThenItsPortRefusesConnections() {
        issuer.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(issuer.jwksUri()))
                .isInstanceOf(java.io.IOException.class);
    }

    private List<Object> kids() throws Exception {
        return ((List<?>) json(get(issuer.jwksUri())).get("keys")).stream()
                .map(k -> ((Map<?, ?>) k).get("kid")).map(Object.class::cast).toList();
    }
}
