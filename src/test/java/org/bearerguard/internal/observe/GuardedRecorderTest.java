package org.bearerguard.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** A recorder whose registry fails never changes what a request gets, nor whether keys are installed. */
class GuardedRecorderTest {

    /** Every call throws, as a registry does when a name is already registered with other metadata. */
    private static final class FailingRecorder implements Recorder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public boolean timed() {
            return true;
        }

        @Override
        public void accepted(String issuer, long nanos) {
            fail();
        }

        @Override
        public void refused(String issuer, Enum<?> reason, long nanos) {
            fail();
        }

        @Override
        public void cacheLookup(boolean hit) {
            fail();
        }

        @Override
        public void fetched(String issuer, Fetch outcome, long nanos) {
            fail();
        }

        @Override
        public void issuers(Map<String, Supplier<Instant>> keySetFetchedAt) {
            fail();
        }

        private void fail() {
            calls.incrementAndGet();
            throw new IllegalArgumentException("metric registered with other metadata");
        }
    }

    @Test
    void whenEveryRecordingFailsThenRequestsGetWhatTheyWouldWithoutMetrics() {
        var failing = new FailingRecorder();
        try (var issuer = JwksServer.start(TestKeys.RSA);
             var pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).build(), Clock.systemUTC(), failing)) {
            var valid = TestTokens.rs256().issuer(issuer.issuer()).build();

            assertThat(pipeline.respond(valid).status()).isEqualTo(200);
            assertThat(pipeline.respond(valid).status()).as("from the token cache").isEqualTo(200);
            assertThat(pipeline.respond(TestTokens.signedBy(TestKeys.ATTACKER, "RS256").issuer(issuer.issuer())
                    .build()).status()).isEqualTo(401);
            assertThat(pipeline.respond(TestTokens.rs256().issuer(issuer.issuer()).expired().build()).status())
                    .isEqualTo(401);
            assertThat(issuer.jwksRequests()).as("the key set was installed once, its failed recording aside")
                    .isEqualTo(1);
            assertThat(failing.calls.get()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void whenTheRecorderIsNoneThenItIsNotWrapped() {
        assertThat(GuardedRecorder.of(Recorder.NONE)).isSameAs(Recorder.NONE);
        var failing = new FailingRecorder();
        var guarded = GuardedRecorder.of(failing);
        assertThat(GuardedRecorder.of(guarded)).isSameAs(guarded);
        assertThat(((GuardedRecorder) guarded).guarded()).isSameAs(failing);
    }
}
