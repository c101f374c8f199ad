package org.bearerguard.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.internal.metrics.MetricsRecorder.CACHE_LOOKUPS;
import static org.bearerguard.internal.metrics.MetricsRecorder.DPOP_REPLAYS;
import static org.bearerguard.internal.metrics.MetricsRecorder.FETCHES;
import static org.bearerguard.internal.metrics.MetricsRecorder.FETCH_DURATION;
import static org.bearerguard.internal.metrics.MetricsRecorder.KEY_SET_AGE;
import static org.bearerguard.internal.metrics.MetricsRecorder.UNKNOWN_KID;
import static org.bearerguard.internal.metrics.MetricsRecorder.VERIFICATIONS;
import static org.bearerguard.internal.metrics.MetricsRecorder.VERIFICATION_DURATION;
import static org.bearerguard.testing.TestRequests.dpop;
import static org.bearerguard.testing.TestRequests.proofFor;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.observe.Recorder;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics of the real pipeline, recorded into an in-memory MicroProfile Metrics registry. */
class MetricsRecorderTest {

    private JwksServer issuer;
    private JwksServer partner;
    private FakeRegistry metrics;

    @BeforeEach
    void start() {
        issuer = JwksServer.start(TestKeys.RSA);
        partner = JwksServer.start(TestKeys.EC);
        metrics = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        issuer.close();
        partner.close();
    }

    private BearerConfig config() {
        return TestConfig.issuer(issuer.issuer())
                .with("bearer.issuers.partner.issuer", partner.issuer())
                .with("bearer.jwks.min-refresh-interval", "1s")
                .with("bearer.jwks.retry-interval", "1s")
                .build();
    }

    private Pipeline pipeline(BearerConfig config, Clock clock) {
        return new Pipeline(config, clock, new MetricsRecorder(metrics.registry, clock));
    }

    private TestTokens token() {
        return TestTokens.rs256().issuer(issuer.issuer());
    }

    @Test
    void whenRequestsAreAcceptedAndRefusedThenEachIsCountedOnceUnderItsIssuerAndOutcome() {
        try (var pipeline = pipeline(config(), Clock.systemUTC())) {
            var good = token().build();
            assertThat(pipeline.respond(good).status()).isEqualTo(200);
            assertThat(pipeline.respond(good).status()).isEqualTo(200);
            assertThat(pipeline.respond(TestTokens.signedBy(TestKeys.EC, "ES256").issuer(partner.issuer()).build())
                    .status()).isEqualTo(200);
            assertThat(pipeline.respond(token().expired().build()).status()).isEqualTo(401);
            assertThat(pipeline.respond(token().signingKey(TestKeys.ATTACKER.getPrivateKey()).build()).status())
                    .isEqualTo(401);
            assertThat(pipeline.respond(token().kid("no-such-kid").build()).status()).isEqualTo(401);
            assertThat(pipeline.respond(token().issuer("https://evil.example").build()).status()).isEqualTo(401);
            assertThat(pipeline.respond(List.of(), Requirement.NONE).status()).isEqualTo(401);
            assertThat(pipeline.respond(List.of("Bearer not.a.jwt"), Requirement.NONE).status()).isEqualTo(401);

            assertThat(metrics.nonZeroCounters()).containsAllEntriesOf(Map.of(
                    VERIFICATIONS + "{issuer=default, outcome=accepted}", 2L,
                    VERIFICATIONS + "{issuer=partner, outcome=accepted}", 1L,
                    VERIFICATIONS + "{issuer=default, outcome=expired}", 1L,
                    VERIFICATIONS + "{issuer=default, outcome=bad_signature}", 1L,
                    VERIFICATIONS + "{issuer=default, outcome=unknown_key}", 1L,
                    VERIFICATIONS + "{issuer=(unknown), outcome=issuer_not_trusted}", 1L,
                    VERIFICATIONS + "{issuer=(unknown), outcome=missing_credentials}", 1L,
                    VERIFICATIONS + "{issuer=(unknown), outcome=malformed_token}", 1L,
                    UNKNOWN_KID + "{issuer=default}", 1L,
                    CACHE_LOOKUPS + "{result=hit}", 1L));
            // every token that reached the verifier and was not answered from the cache
            assertThat(metrics.count(CACHE_LOOKUPS, "result", "miss")).isEqualTo(7);
            assertThat(metrics.count(VERIFICATION_DURATION, "issuer", "default")).isEqualTo(5);
            assertThat(metrics.count(VERIFICATION_DURATION, "issuer", "partner")).isEqualTo(1);
            assertThat(metrics.count(VERIFICATION_DURATION, "issuer", "(unknown)")).isEqualTo(3);
            assertThat(metrics.metadata.get(VERIFICATION_DURATION).getUnit()).isEqualTo(MetricUnits.NANOSECONDS);
        }
    }

    @Test
    void whenKeySetsAreFetchedThenEachFetchIsCountedByOutcomeAsTheIssuerSawIt() {
        issuer.etags(true);
        var clock = new MutableClock();
        try (var pipeline = pipeline(config(), clock)) {
            assertThat(pipeline.respond(token().build()).status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(2));
            // an unknown kid: a conditional refresh, answered 304
            assertThat(pipeline.respond(token().kid("no-such-kid").build()).status()).isEqualTo(401);
            clock.advance(Duration.ofSeconds(2));
            issuer.down(true);
            assertThat(pipeline.respond(token().kid("still-no-such-kid").build()).status()).isEqualTo(401);
            pipeline.awaitIdle();

            assertThat(metrics.count(FETCHES, "issuer", "default", "outcome", "success")).isEqualTo(1);
            assertThat(metrics.count(FETCHES, "issuer", "default", "outcome", "not_modified"))
                    .isEqualTo(issuer.notModifiedResponses()).isEqualTo(1);
            assertThat(metrics.count(FETCHES, "issuer", "default", "outcome", "failure")).isEqualTo(1);
            // the issuer's own count: every JWKS request it answered, the 503 included
            assertThat(metrics.count(FETCHES, "issuer", "default", "outcome", "success")
                    + metrics.count(FETCHES, "issuer", "default", "outcome", "not_modified")
                    + metrics.count(FETCHES, "issuer", "default", "outcome", "failure"))
                    .isEqualTo(issuer.jwksRequests()).isEqualTo(3);
            assertThat(metrics.count(FETCH_DURATION, "issuer", "default")).isEqualTo(3);
            assertThat(metrics.count(FETCHES, "issuer", "partner", "outcome", "success")).isZero();
            assertThat(metrics.count(UNKNOWN_KID, "issuer", "default")).isEqualTo(2);
        }
    }

    @Test
    void whenTimePassesThenEachIssuersKeySetAgeIsItsSecondsSinceTheFetch() {
        var clock = new MutableClock();
        try (var pipeline = pipeline(config(), clock)) {
            assertThat(metrics.gauge(KEY_SET_AGE, "issuer", "default")).isEqualTo(-1.0);

            assertThat(pipeline.respond(token().build()).status()).isEqualTo(200);
            clock.advance(Duration.ofMillis(90_500));

            assertThat(metrics.gauge(KEY_SET_AGE, "issuer", "default")).isEqualTo(90.5);
            assertThat(metrics.gauge(KEY_SET_AGE, "issuer", "partner")).isEqualTo(-1.0);
            assertThat(metrics.metadata.get(KEY_SET_AGE).getUnit()).isEqualTo(MetricUnits.SECONDS);
        }
    }

    @Test
    void whenADpopProofIsReplayedThenTheReplayIsCounted() throws Exception {
        try (var pipeline = pipeline(config(), Clock.systemUTC())) {
            var token = token().claim("cnf", Map.of("jkt", TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256")))
                    .build();
            var proof = proofFor(token).build();

            assertThat(pipeline.respond(dpop(token, proof), Requirement.NONE).status()).isEqualTo(200);
            assertThat(pipeline.respond(dpop(token, proof), Requirement.NONE).status()).isEqualTo(401);

            assertThat(metrics.count(VERIFICATIONS, "issuer", "default", "outcome", "dpop_replayed")).isEqualTo(1);
            assertThat(metrics.count(DPOP_REPLAYS, "issuer", "default")).isEqualTo(1);
            assertThat(metrics.count(VERIFICATIONS, "issuer", "default", "outcome", "accepted")).isEqualTo(1);
        }
    }

    @Test
    void whenAnIssuerIsNotConfiguredThenItIsCountedAsUnknownNeverByItsName() {
        var recorder = new MetricsRecorder(metrics.registry, Clock.systemUTC());
        recorder.issuers(Map.of("default", () -> null));

        recorder.accepted("someone-else", 0);
        recorder.refused("someone-else", Reason.EXPIRED, 0);
        recorder.refused(null, Reason.EXPIRED, 0);
        recorder.fetched("someone-else", Recorder.Fetch.SUCCESS, 0);

        assertThat(metrics.nonZeroCounters()).containsExactly(
                Map.entry(VERIFICATIONS + "{issuer=(unknown), outcome=accepted}", 1L),
                Map.entry(VERIFICATIONS + "{issuer=(unknown), outcome=expired}", 2L));
    }

    @Test
    void whenTheRecorderIsBuiltThenOnlyTheFixedSeriesExistUntilARefusalHappens() {
        new MetricsRecorder(metrics.registry, Clock.systemUTC())
                .issuers(Map.of("default", () -> null, "partner", () -> null));

        var names = new HashSet<String>();
        metrics.metrics.keySet().forEach(id -> names.add(id.getName() + id.getTags()));
        // per issuer: accepted, 3 fetch outcomes, 2 timers, unknown kid, replays, age; (unknown): accepted, timer;
        // cache: hit, miss
        assertThat(names).hasSize(2 * 9 + 2 + 2).contains(VERIFICATIONS + "{issuer=(unknown), outcome=accepted}",
                FETCHES + "{issuer=partner, outcome=not_modified}");
    }

    @Test
    void whenOutcomesAreNamedThenEachReasonHasItsOwnFixedValue() {
        assertThat(Outcomes.all()).doesNotHaveDuplicates().hasSize(Outcomes.COUNT)
                .contains("accepted", "expired", "bad_signature", "unknown_key", "missing_credentials",
                        "keys_unavailable", "server_error", "dpop_replayed", "dpop_bad_signature")
                .allMatch(name -> name.matches("[a-z_]+"));
        assertThat(Outcomes.name(Outcomes.index(Reason.UNKNOWN_KEY))).isEqualTo("unknown_key");
        assertThat(Outcomes.name(Outcomes.index(Recorder.Outcome.KEYS_UNAVAILABLE))).isEqualTo("keys_unavailable");
        assertThat(Outcomes.name(Outcomes.index(java.util.concurrent.TimeUnit.SECONDS))).isEqualTo("server_error");
    }

    @Test
    void whenTheApplicationIsUndeployedThenOnlyTheRecordersOwnMetricsAreRemoved() {
        var recorder = new MetricsRecorder(metrics.registry, Clock.systemUTC());
        recorder.issuers(Map.of("default", () -> null));
        recorder.refused("default", Reason.EXPIRED, 0);
        metrics.registry.counter(org.eclipse.microprofile.metrics.Metadata.builder()
                .withName("another.applications.counter").build(), new org.eclipse.microprofile.metrics.Tag[0]);

        recorder.close();

        assertThat(metrics.metrics.keySet()).extracting(id -> id.getName())
                .containsExactly("another.applications.counter");
    }
}
