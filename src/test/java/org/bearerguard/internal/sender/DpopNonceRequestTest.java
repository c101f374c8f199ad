package org.bearerguard.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.testing.TestRequests.dpop;
import static org.bearerguard.testing.TestRequests.proofFor;

import java.time.Duration;
import java.util.Map;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server nonces (RFC 9449 §9, {@code bearer.dpop.nonce=true}): refused without one, told which, accepted with it. */
class DpopNonceRequestTest {

    private static final String USE_NONCE = "DPoP realm=\"test\", error=\"use_dpop_nonce\", error_description=\"";

    private static final MutableClock CLOCK = new MutableClock();
    private static JwksServer issuer;
    private static Pipeline pipeline;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        issuer = JwksServer.start(TestKeys.RSA);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.dpop.nonce", "true")
                .with("bearer.dpop.nonce-step", "30s").with("bearer.dpop.proof-window", "10m")
                .with("bearer.clock-skew", "10m").build(), CLOCK);
        token = TestTokens.rs256().issuer(issuer.issuer()).expiresIn(Duration.ofHours(2))
                .claim("cnf", Map.of("jkt", TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256"))).build();
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    @Test
    void whenAProofHasNoNonceThenTheRefusalCarriesOneThatTheRetryIsAcceptedWith() {
        var refused = pipeline.respond(dpop(token, proofFor(token).build()), Requirement.NONE);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate").orElseThrow()).isEqualTo(USE_NONCE
                + "A DPoP nonce issued by this server is required\", " + org.bearerguard.testing.TestChallenges.ALGS);
        var nonce = refused.header("DPoP-Nonce").orElseThrow();
        assertThat(nonce).matches("[A-Za-z0-9_-]{54}");
        assertThat(pipeline.respond(dpop(token, proofFor(token).nonce(nonce).build()), Requirement.NONE).status())
                .isEqualTo(200);
    }

    @Test
    void whenTheNonceIsStaleThenTheRefusalCarriesAFreshOne() {
        var nonce = pipeline.respond(dpop(token, proofFor(token).build()), Requirement.NONE).header("DPoP-Nonce")
                .orElseThrow();
        CLOCK.advance(Duration.ofSeconds(61)); // two steps later

        var refused = pipeline.respond(dpop(token, proofFor(token).nonce(nonce).build()), Requirement.NONE);

        assertThat(refused.header("WWW-Authenticate").orElseThrow()).startsWith(USE_NONCE
                + "The DPoP nonce is stale or was not issued by this server\"");
        assertThat(refused.header("DPoP-Nonce").orElseThrow()).isNotEqualTo(nonce);
    }
}
