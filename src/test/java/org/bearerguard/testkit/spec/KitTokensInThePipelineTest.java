package org.bearerguard.testkit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.testing.TestChallenges.invalidToken;

import org.bearerguard.testkit.DpopProof;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TestIssuer;
import java.util.List;
import java.util.Set;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the kit promises its users, checked against bearer-guard's real pipeline configured only from
 * {@link TestIssuer#config()} (and the realm the challenges name): its tokens are accepted as they come, and each
 * change a test makes to show a refusal is refused for that reason.
 */
class KitTokensInThePipelineTest {

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final SigningKey UNPUBLISHED = SigningKey.rsa(ISSUER.signingKey().kid());
    private static final SigningKey CLIENT_KEY = SigningKey.ec("client");

    @AfterAll
    static void close() {
        ISSUER.close();
    }

    private static Pipeline pipeline(TestIssuer issuer) {
        var config = org.bearerguard.testing.TestConfig.issuer(issuer.issuer()).with("bearer.realm", "test");
        issuer.config().forEach(config::with);
        return new Pipeline(config.build());
    }

    @Test
    void whenTheDefaultTokenIsSentThenItIsAcceptedWithItsSubjectScopesAndRoles() throws Exception {
        try (var pipeline = pipeline(ISSUER)) {
            var principal = pipeline.authenticate(ISSUER.token().subject("alice").scopes("orders:read", "orders:write")
                    .roles("clerk", "auditor").build());

            assertThat(principal.getName()).isEqualTo("alice");
            assertThat(principal.getScopes()).isEqualTo(Set.of("orders:read", "orders:write"));
            assertThat(principal.getRoles()).isEqualTo(Set.of("clerk", "auditor"));
            assertThat(principal.getIssuer()).isEqualTo(ISSUER.issuer());
        }
    }

    @Test
    void whenScopesAndRolesAreRequiredThenTheKitsClaimsMeetThem() {
        try (var pipeline = pipeline(ISSUER)) {
            var token = ISSUER.token().scopes("orders:read").roles("clerk").build();

            assertThat(pipeline.respond(TestRequests.bearer(token),
                    new Requirement(List.of("orders:read"), List.of(List.of("clerk")), false, Set.of())).status()).isEqualTo(200);
            assertThat(pipeline.respond(TestRequests.bearer(token),
                    Requirement.scopes("orders:write")).status()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"})
    void whenTheIssuerSignsWithAnyAsymmetricAlgorithmThenItsTokensAreAccepted(String algorithm) throws Exception {
        try (var issuer = TestIssuer.start("api", SigningKey.forAlgorithm("k", algorithm));
             var pipeline = pipeline(issuer)) {
            assertThat(pipeline.authenticate(issuer.token().build()).getName()).isEqualTo("user-1");
        }
    }

    @Test
    void whenATokenIsSignedWithAnUnpublishedKeyUnderAPublishedKidThenItsSignatureIsRefused() {
        try (var pipeline = pipeline(ISSUER)) {
            var response = pipeline.respond(ISSUER.token().signedWith(UNPUBLISHED).build());

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers().get("WWW-Authenticate"))
                    .isEqualTo(invalidToken("The token signature is invalid"));
        }
    }

    @Test
    void whenATokenHasExpiredThenItIsRefusedAsExpired() {
        try (var pipeline = pipeline(ISSUER)) {
            assertThat(pipeline.respond(ISSUER.token().expired().build()).headers().get("WWW-Authenticate"))
                    .isEqualTo(invalidToken("The token has expired"));
        }
    }

    @Test
    void whenATokenNamesAnotherAudienceThenItIsRefusedForTheAudience() {
        try (var pipeline = pipeline(ISSUER)) {
            assertThat(pipeline.respond(ISSUER.token().audience("other").build()).headers().get("WWW-Authenticate"))
                    .isEqualTo(invalidToken("The token is not meant for this audience"));
        }
    }

    @Test
    void whenATokenIsUnsignedThenItIsRefused() {
        try (var pipeline = pipeline(ISSUER)) {
            assertThat(pipeline.respond(ISSUER.token().unsigned().build()).status()).isEqualTo(401);
        }
    }

    @Test
    void whenTheIssuerRotatesThenTokensOfTheNewKeyAndOfThePreviousOneAreAccepted() throws Exception {
        try (var issuer = TestIssuer.start(); var pipeline = pipeline(issuer)) {
            var before = issuer.token().build();
            pipeline.authenticate(before);

            var next = issuer.rotate();
            var after = issuer.token().build();

            assertThat(issuer.signingKey()).isEqualTo(next);
            assertThat(pipeline.authenticate(after).getName()).isEqualTo("user-1");
            assertThat(pipeline.authenticate(before).getName()).isEqualTo("user-1");
        }
    }

    @Test
    void whenATokenIsBoundToADpopKeyThenItIsAcceptedWithThatKeysProofOnly() {
        try (var pipeline = pipeline(ISSUER)) {
            var token = ISSUER.token().boundTo(CLIENT_KEY).build();
            var proof = DpopProof.of(CLIENT_KEY, "GET", TestRequests.URI).accessToken(token).build();
            var otherKeysProof = DpopProof.of(SigningKey.ec("other"), "GET", TestRequests.URI).accessToken(token)
                    .build();

            assertThat(pipeline.respond(TestRequests.dpop(token, proof), Requirement.NONE).status()).isEqualTo(200);
            assertThat(pipeline.respond(TestRequests.dpop(token, otherKeysProof), Requirement.NONE).status())
                    .isEqualTo(401);
            assertThat(pipeline.respond(TestRequests.bearer(token), Requirement.NONE).status()).isEqualTo(401);
        }
    }

    @Test
    void whenATokenIsBoundToACertificateThenItIsAcceptedOverAConnectionWithThatCertificateOnly() {
        try (var pipeline = pipeline(ISSUER)) {
            var token = ISSUER.token().boundTo(TestRequests.RIGHT_CERTIFICATE).build();

            assertThat(pipeline.respond(TestRequests.bearerOver(TestRequests.RIGHT_CERTIFICATE, token),
                    Requirement.NONE).status()).isEqualTo(200);
            assertThat(pipeline.respond(TestRequests.bearerOver(TestRequests.OTHER_CERTIFICATE, token),
                    Requirement.NONE).status()).isEqualTo(401);
        }
    }

    @Test
    void whenATokenUsesASharedSecretThenAnIssuerConfiguredWithItAcceptsIt() throws Exception {
        var secret = "a shared secret of at least thirty-two bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var config = org.bearerguard.testing.TestConfig.issuer(ISSUER.issuer())
                .with("bearer.shared-secret", new String(secret, java.nio.charset.StandardCharsets.UTF_8))
                .with("bearer.algorithms", "RS256,HS256");
        try (var pipeline = new Pipeline(config.build())) {
            assertThat(pipeline.authenticate(ISSUER.token().sharedSecret(secret).build()).getName())
                    .isEqualTo("user-1");
        }
    }
}
