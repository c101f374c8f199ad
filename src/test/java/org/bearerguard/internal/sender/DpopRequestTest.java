package org.bearerguard.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.testing.TestRequests.bearer;
import static org.bearerguard.testing.TestRequests.dpop;
import static org.bearerguard.testing.TestRequests.proofFor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bearerguard.DpopMode;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.bearerguard.testing.TestTokens;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DPoP on the request path (RFC 9449 §7), with the default configuration ({@code bearer.dpop=allowed}): what is
 * accepted, and each refusal with its exact status and challenge. Issuer {@code required} requires DPoP by
 * configuration, issuer {@code off} switches it off.
 */
class DpopRequestTest {

    private static final String ALGS = org.bearerguard.testing.TestChallenges.ALGS;

    private static JwksServer issuer;
    private static JwksServer requiring;
    private static JwksServer offIssuer;
    private static Pipeline pipeline;
    private static String jkt;

    @BeforeAll
    static void start() throws JoseException {
        issuer = JwksServer.start(TestKeys.RSA);
        requiring = JwksServer.start(TestKeys.RSA);
        offIssuer = JwksServer.start(TestKeys.RSA);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer())
                .with("bearer.issuers.required.issuer", requiring.issuer())
                .with("bearer.issuers.required.dpop", "required")
                .with("bearer.issuers.off.issuer", offIssuer.issuer())
                .with("bearer.issuers.off.dpop", "off")
                .build());
        jkt = TestKeys.EC.calculateBase64urlEncodedThumbprint("SHA-256");
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
        requiring.close();
        offIssuer.close();
    }

    /** A token bound to {@link TestKeys#EC}, as Keycloak issues them ({@code typ} DPoP, {@code cnf.jkt}). */
    private static String boundToken(JwksServer from) {
        return TestTokens.rs256().issuer(from.issuer()).claim("typ", "DPoP")
                .claim("cnf", Map.of("jkt", jkt, "kc-jkt-type", "DPoP")).build();
    }

    private static ErrorResponse respond(org.bearerguard.internal.sender.RequestFacts request) {
        return pipeline.respond(request, Requirement.NONE);
    }

    private static String challenge(ErrorResponse response) {
        return response.header("WWW-Authenticate").orElseThrow();
    }

    private static String dpopChallenge(String code, String description) {
        return org.bearerguard.testing.TestChallenges.dpop(code, description);
    }

    private static String bearerChallenge(String code, String description) {
        return "Bearer realm=\"test\", error=\"" + code + "\", error_description=\"" + description + "\""
                + org.bearerguard.testing.TestChallenges.AND_DPOP;
    }

    @Test
    void whenADpopBoundTokenComesWithAValidProofThenItIsAcceptedAndThePrincipalNamesTheKey() throws Exception {
        var token = boundToken(issuer);

        var principal = pipeline.authenticator().authenticate(dpop(token, proofFor(token).build()), Requirement.NONE);

        assertThat(principal.getDpopKeyThumbprint()).contains(jkt);
        assertThat(principal.getCertificateThumbprint()).isEmpty();
        assertThat(principal.isSenderConstrained()).isTrue();
    }

    @Test
    void whenTheTokenIsCachedThenEachRequestStillNeedsAFreshProofOfItsKey() {
        var token = boundToken(issuer);
        assertThat(respond(dpop(token, proofFor(token).build())).status()).isEqualTo(200);

        assertThat(respond(dpop(token, proofFor(token).build())).status()).isEqualTo(200);
        assertThat(challenge(respond(bearer(token)))).isEqualTo(bearerChallenge("invalid_token",
                "The token is bound to a key that the request does not prove"));
        assertThat(challenge(respond(dpop(token, proofFor(token).signedBy(TestProofs.EC_OTHER, "ES256").build()))))
                .isEqualTo(dpopChallenge("invalid_token", "The token is bound to another key than the DPoP proof"));
    }

    @Test
    void whenTheSameProofComesTwiceThenTheSecondIsRefusedAsAReplay() {
        var token = boundToken(issuer);
        var proof = proofFor(token).build();
        assertThat(respond(dpop(token, proof)).status()).isEqualTo(200);

        var replayed = respond(dpop(token, proof));

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(challenge(replayed)).isEqualTo(dpopChallenge("invalid_dpop_proof",
                "The DPoP proof has been used before"));
        assertThat(replayed.json()).contains("{\"error\":\"invalid_dpop_proof\",\"error_description\":\"The DPoP"
                + " proof has been used before\"}");
    }

    @Test
    void whenADpopBoundTokenIsPresentedAsBearerThenItIsRefusedWithBothChallenges() {
        var response = respond(bearer(boundToken(issuer)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo(bearerChallenge("invalid_token",
                "The token is bound to a key that the request does not prove"));
    }

    @Test
    void whenTwoDpopHeadersComeThenTheRequestIsInvalid() {
        var token = boundToken(issuer);

        var response = respond(dpop(token, proofFor(token).build(), proofFor(token).build()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(challenge(response)).isEqualTo(dpopChallenge("invalid_request", "More than one DPoP header"));
    }

    @Test
    void whenABearerTokenComesWithADpopProofThenTheRequestIsInvalid() {
        var token = TestTokens.rs256().issuer(issuer.issuer()).build();

        var response = respond(bearer(token, proofFor(token).build()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(challenge(response)).isEqualTo(bearerChallenge("invalid_request",
                "A DPoP proof came with a Bearer token"));
    }

    @Test
    void whenTheDpopSchemeComesWithoutAProofThenTheProofIsMissing() {
        var response = respond(dpop(boundToken(issuer)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo(dpopChallenge("invalid_dpop_proof", "The request has no DPoP proof"));
    }

    @Test
    void whenAnUnboundTokenComesUnderTheDpopSchemeThenItIsRefused() {
        var token = TestTokens.rs256().issuer(issuer.issuer()).build();

        var response = respond(dpop(token, proofFor(token).build()));

        assertThat(challenge(response)).isEqualTo(dpopChallenge("invalid_token", "The token is not bound to a DPoP key"));
    }

    @Test
    void whenTheProofDoesNotFitTheRequestOrTheTokenThenItIsRefusedForThatReason() {
        var token = boundToken(issuer);
        var cases = Map.of(
                TestProofs.forRequest("POST", org.bearerguard.testing.TestRequests.URI).accessToken(token),
                "The DPoP proof is for another HTTP method",
                TestProofs.forRequest("GET", "https://api.example/app/admin").accessToken(token),
                "The DPoP proof is for another URI",
                proofFor("another.access.token"),
                "The DPoP proof is not bound to this access token",
                proofFor(token).without("ath"),
                "The DPoP proof is not bound to this access token",
                proofFor(token).issuedAt(java.time.Instant.now().minusSeconds(600)),
                "The DPoP proof was issued too long ago");
        cases.forEach((proof, description) -> assertThat(challenge(respond(dpop(token, proof.build()))))
                .as(description).isEqualTo(dpopChallenge("invalid_dpop_proof", description)));
    }

    @Test
    void whenTheIssuerRequiresDpopThenItsBearerTokensAreRefusedWithTheDpopChallengeOnly() {
        var bearerToken = TestTokens.rs256().issuer(requiring.issuer()).build();
        var bound = boundToken(requiring);

        assertThat(challenge(respond(bearer(bearerToken)))).isEqualTo(dpopChallenge("invalid_token",
                "This resource requires a DPoP-bound token"));
        assertThat(respond(dpop(bound, proofFor(bound).build())).status()).isEqualTo(200);
    }

    @Test
    void whenTheResourceRequiresDpopThenNoCredentialsGetTheDpopChallengeAlone() {
        var required = new Requirement(List.of(), List.of(), false, Set.of(), DpopMode.REQUIRED);

        var response = pipeline.respond(List.of(), required);

        assertThat(response.status()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo("DPoP realm=\"test\", " + ALGS);
        assertThat(challenge(pipeline.respond(bearer(TestTokens.rs256().issuer(issuer.issuer()).build()), required)))
                .isEqualTo(dpopChallenge("invalid_token", "This resource requires a DPoP-bound token"));
    }

    @Test
    void whenTheResourceSwitchesDpopOffThenTheSchemeIsNotUnderstoodAndBoundTokensStayRefused() {
        var off = Requirement.issuers("off");
        var bound = boundToken(offIssuer);

        assertThat(challenge(pipeline.respond(dpop(bound, proofFor(bound).build()), off)))
                .isEqualTo("Bearer realm=\"test\"");
        assertThat(challenge(pipeline.respond(bearer(bound), off))).isEqualTo("Bearer realm=\"test\", error=\"invalid_token\","
                + " error_description=\"The token is bound to a key that the request does not prove\"");
        assertThat(pipeline.respond(bearer(TestTokens.rs256().issuer(offIssuer.issuer()).build()), off).status())
                .isEqualTo(200);
    }
}
