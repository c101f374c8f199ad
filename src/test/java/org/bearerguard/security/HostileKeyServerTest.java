package org.bearerguard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.JwksServer.Failure;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.Scenario;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key servers that misbehave: each answer is refused or its bad keys ignored, with one clear log line, the last
 * good keys kept, and no request held past the configured timeouts.
 */
class HostileKeyServerTest {

    private final Scenario scenario = new Scenario(TestKeys.RSA);
    private final MutableClock clock = scenario.clock;
    private final JwksServer issuer = scenario.issuer;
    private final LogCapture log = new LogCapture();

    @AfterEach
    void close() {
        log.close();
        scenario.close();
    }

    private Pipeline pipeline() {
        return scenario.pipeline(scenario.config().with("bearer.http.read-timeout", "500ms")
                .with("bearer.http.connect-timeout", "500ms"));
    }

    private String token(PublicJsonWebKey key) {
        return scenario.token(key, Duration.ofDays(1));
    }

    private List<String> lines(String containing) {
        return log.lines().stream().filter(l -> l.contains(containing)).toList();
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"GARBAGE", "EMPTY_KEY_SET", "WRONG_SHAPE", "HUGE", "TRICKLE",
            "REDIRECT", "ERROR_500"})
    void whenARefreshMeetsAHostileAnswerThenTheLastGoodKeysServeAndOneWarningIsLogged(Failure failure)
            throws Exception {
        var p = pipeline();
        p.authenticate(token(TestKeys.RSA));
        issuer.fail(failure);

        for (int i = 0; i < 3; i++) { // three failed attempts, one warning
            clock.advance(Duration.ofMinutes(10));
            p.keys().maintain();
            p.awaitIdle();
            assertThat(p.respond(token(TestKeys.RSA)).status()).isEqualTo(200);
        }

        var warnings = lines("WARNING bearer-guard: cannot fetch the keys of " + issuer.issuer());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).doesNotContain("Exception:").matches(".*: [a-zA-Z].*");
    }

    @Test
    void whenTheJwksIsLargerThanTheCapThenItIsRefusedWithoutBufferingIt() throws Exception {
        issuer.fail(Failure.HUGE);
        var p = pipeline();

        assertThat(p.respond(token(TestKeys.RSA)).status()).isEqualTo(503);
        assertThat(lines("larger than 262144 bytes")).hasSize(1);
    }

    @Test
    void whenTheKeyServerTricklesPastTheReadTimeoutThenTheExchangeIsCancelledNotLeftRunning() throws Exception {
        issuer.fail(Failure.TRICKLE); // 100 bytes, one every 100 ms: the whole answer would take 10 s
        var p = pipeline();

        assertThat(p.respond(token(TestKeys.RSA)).status()).isEqualTo(503);
        assertThat(issuer.awaitAbandoned(8, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void whenTheKeyServerTricklesBytesThenTheFirstRequestGets503BeforeTheAnswerEnds() {
        issuer.fail(Failure.TRICKLE);
        var p = pipeline();

        var response = p.respond(token(TestKeys.RSA));

        assertThat(response.status()).isEqualTo(503);
        assertThat(issuer.completedJwksResponses()).isZero();
        assertThat(lines("no complete answer from")).hasSize(1);
    }

    @Test
    void whenDiscoveryNamesAnotherIssuerThenNoKeyIsTaken() {
        issuer.fail(Failure.ISSUER_MISMATCH);
        var p = pipeline();

        assertThat(p.respond(token(TestKeys.RSA)).status()).isEqualTo(503);
        assertThat(issuer.jwksRequests()).isZero();
        assertThat(lines("the discovery document names another issuer")).hasSize(1);
    }

    @Test
    void whenTheKeyServerRedirectsThenTheRedirectIsNotFollowed() {
        issuer.fail(Failure.REDIRECT);
        var p = pipeline();

        assertThat(p.respond(token(TestKeys.RSA)).status()).isEqualTo(503);
        assertThat(lines("answered HTTP 302")).hasSize(1);
    }

    @Test
    void whenTheJwksMixesInWeakSymmetricEncryptionAndDuplicateKeysThenOnlyGoodSigningKeysAreUsed() throws Exception {
        var enc = TestKeys.RSA_NEXT.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        enc.put("use", "enc");
        enc.put("kid", "enc-1");
        var weak = TestKeys.RSA_WEAK.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        var dup = TestKeys.RSA_ROTATED.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        dup.put("kid", "rsa-1");
        var good = TestKeys.RSA.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        var oct = java.util.Map.of("kty", "oct", "kid", "hmac-1", "k", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA");
        issuer.publishRaw(org.jose4j.json.JsonUtil.toJson(java.util.Map.of("keys", List.of(good, dup, weak, enc, oct))));
        var p = pipeline();

        assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
        // two keys under one kid: both are tried
        assertThat(p.authenticate(TestTokens.signedBy(TestKeys.RSA_ROTATED, "RS256").issuer(issuer.issuer()).kid("rsa-1")
                .claim("exp", clock.instant().plusSeconds(600).getEpochSecond()).build()).getName()).isEqualTo("alice");
        assertThat(p.respond(token(TestKeys.RSA_WEAK)).header("WWW-Authenticate").orElseThrow())
                .contains("The token signing key is unknown");
        assertThat(p.respond(TestTokens.signedBy(TestKeys.RSA_NEXT, "RS256").issuer(issuer.issuer()).kid("enc-1")
                .build()).header("WWW-Authenticate").orElseThrow()).contains("The token signing key is unknown");
        var ignored = lines("ignoring 3");
        assertThat(ignored).hasSize(1);
        assertThat(ignored.get(0)).contains("kid rsa-weak: RSA key under 2048 bits", "kid enc-1: use is not sig",
                "kid hmac-1: not a public key (kty oct)");
    }

    @Test
    void whenTheJwksPublishesASecp256k1KeyThenAnEs256TokenSignedWithItIsRefused() throws Exception {
        var k1 = org.bearerguard.testing.Secp256k1.generate("k1");
        var good = TestKeys.RSA.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        issuer.publishRaw(org.jose4j.json.JsonUtil.toJson(java.util.Map.of("keys", List.of(good, k1.publicJwk()))));
        var header = org.bearerguard.testing.RawTokens.b64("{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"JWT\"}");
        var payload = org.bearerguard.testing.RawTokens.payloadOf(token(TestKeys.RSA));
        var signingInput = header + "." + org.bearerguard.testing.RawTokens.b64(payload);
        var signature = k1.sign(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var p = pipeline();

        assertThat(k1.verify(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII), signature)).isTrue();
        assertThat(p.respond(signingInput + "." + org.bearerguard.testing.RawTokens.b64(signature))
                .header("WWW-Authenticate").orElseThrow()).contains("The token signing key is unknown");
        assertThat(lines("ignoring 1")).singleElement().asString()
                .endsWith("kid k1: EC key on a curve other than P-256, P-384 or P-521");
    }

    @Test
    void whenTheJwksCarriesForgedKidsAndThousandsOfBadKeysThenItsLogLineIsOneShortLine() throws Exception {
        var keys = new java.util.ArrayList<Object>();
        keys.add(TestKeys.RSA.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        keys.add(java.util.Map.of("kty", "oct", "kid", "x\r\nSEVERE bearer-guard: forged line", "k", "c2VjcmV0"));
        for (int i = 0; i < 5000; i++) {
            keys.add(java.util.Map.of());
        }
        issuer.publishRaw(org.jose4j.json.JsonUtil.toJson(java.util.Map.of("keys", keys)));
        var p = pipeline();

        assertThat(p.authenticate(token(TestKeys.RSA)).getName()).isEqualTo("alice");
        var line = lines("bearer-guard: keys of").stream().filter(l -> l.contains("ignoring")).findFirst().orElseThrow();
        assertThat(line).doesNotContain("\r").doesNotContain("\n").hasSizeLessThan(800)
                .contains("kid x??SEVERE bearer-guard: forged line: not a public key (kty oct)")
                .endsWith("; and 4991 more");
    }

    @Test
    void whenTheDiscoveredJwksUrlCarriesCredentialsThenNoLogLineShowsThem() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        // a configured URL with credentials fails the deployment (ConfigReaderTest); a discovered one is logged safely
        issuer.advertiseJwksUri("http://alice:s3cret@127.0.0.1:" + closed + "/realm/jwks");
        var p = scenario.pipeline(scenario.config());

        assertThat(p.respond(token(TestKeys.RSA)).status()).isEqualTo(503);
        assertThat(lines("cannot connect to")).isNotEmpty()
                .allMatch(l -> l.contains(": cannot connect to http://127.0.0.1:" + closed + "/realm/jwks ("));
        assertThat(log.lines()).noneMatch(l -> l.contains("s3cret") || l.contains("alice:"));
    }
}
