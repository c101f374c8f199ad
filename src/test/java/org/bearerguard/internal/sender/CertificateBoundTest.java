package org.bearerguard.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.testing.TestRequests.OTHER_CERTIFICATE;
import static org.bearerguard.testing.TestRequests.RIGHT_CERTIFICATE;
import static org.bearerguard.testing.TestRequests.bearer;
import static org.bearerguard.testing.TestRequests.bearerOver;

import java.util.Map;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certificate-bound tokens (RFC 8705 §3), on by default: a token with {@code cnf.x5t#S256} passes only with the TLS
 * client certificate of that thumbprint; issuer {@code nomtls} switches them off, so its bound tokens never pass.
 */
class CertificateBoundTest {

    private static final String MISMATCH = "Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The"
            + " token is bound to a certificate that the request does not present\", DPoP realm=\"test\", "
            + org.bearerguard.testing.TestChallenges.ALGS;

    private static JwksServer issuer;
    private static JwksServer noMtls;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA);
        noMtls = JwksServer.start(TestKeys.RSA);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer())
                .with("bearer.issuers.nomtls.issuer", noMtls.issuer())
                .with("bearer.issuers.nomtls.mtls", "off").build());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
        noMtls.close();
    }

    private static String boundTo(JwksServer from) {
        return TestTokens.rs256().issuer(from.issuer())
                .claim("cnf", Map.of("x5t#S256", CertificateThumbprint.of(RIGHT_CERTIFICATE))).build();
    }

    @Test
    void whenTheRequestPresentsTheBoundCertificateThenTheTokenIsAcceptedAndThePrincipalNamesIt() throws Exception {
        var principal = pipeline.authenticator().authenticate(bearerOver(RIGHT_CERTIFICATE, boundTo(issuer)),
                Requirement.NONE);

        assertThat(principal.getCertificateThumbprint()).contains(CertificateThumbprint.of(RIGHT_CERTIFICATE));
        assertThat(principal.getDpopKeyThumbprint()).isEmpty();
    }

    @Test
    void whenTheRequestPresentsAnotherCertificateOrNoneThenTheTokenIsRefused() {
        var token = boundTo(issuer);

        for (var request : java.util.List.of(bearerOver(OTHER_CERTIFICATE, token), bearer(token))) {
            var response = pipeline.respond(request, Requirement.NONE);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).contains(MISMATCH);
        }
    }

    @Test
    void whenAnUnboundTokenComesOverAConnectionWithACertificateThenItIsAcceptedAsABearerToken() throws Exception {
        var token = TestTokens.rs256().issuer(issuer.issuer()).build();

        var principal = pipeline.authenticator().authenticate(bearerOver(RIGHT_CERTIFICATE, token), Requirement.NONE);

        assertThat(principal.isSenderConstrained()).isFalse();
    }

    @Test
    void whenCertificateBindingIsOffThenABoundTokenIsRefusedEvenWithItsCertificate() {
        var response = pipeline.respond(bearerOver(RIGHT_CERTIFICATE, boundTo(noMtls)), Requirement.NONE);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"test\", error=\"invalid_token\","
                + " error_description=\"The token is bound in a way that is not supported\", DPoP realm=\"test\", "
                + org.bearerguard.testing.TestChallenges.ALGS);
    }
}
