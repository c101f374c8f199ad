package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TestIssuer;
import org.bearerguard.testkit.TokenBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast signature path on a real server: a WAR that carries ACCP (linux-x86_64) and BouncyCastle in
 * WEB-INF/lib, with the default {@code bearer.signature-provider=auto}. The choice made there is ACCP for RSA and
 * ECDSA, BouncyCastle for EdDSA; tokens of each algorithm are accepted, forgeries refused with the same challenge as
 * on the JDK path.
 */
@ExtendWith(ArquillianExtension.class)
class FastSignaturesIT {

    private static final SigningKey EC = SigningKey.ec("ec-1");
    private static final SigningKey RSA = SigningKey.rsa("rsa-1");
    private static final SigningKey ED = SigningKey.ed25519("ed-1");
    private static final SigningKey IMPOSTOR = SigningKey.ec("ec-1");
    private static final TestIssuer ISSUER = TestIssuer.start("api", EC, RSA, ED);
    /** The guarded application's resources name a second issuer: it is configured, and not used here. */
    private static final TestIssuer PARTNER = TestIssuer.start("partner-api", SigningKey.ec("partner-1"));

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.fastSignaturesApp("fast-signatures", ISSUER, "bearer.issuers.partner.issuer="
                + PARTNER.issuer(), "bearer.issuers.partner.audience=partner-api", "bearer.realm=it");
    }

    @AfterAll
    static void stop() {
        PARTNER.close();
        ISSUER.close();
    }

    private static TokenBuilder token(SigningKey key) {
        return TokenBuilder.of(ISSUER.issuer(), "api", key).username("alice");
    }

    @Test
    void whenTheWarCarriesAccpAndBouncyCastleThenAutoTakesAccpForRsaAndEcdsaAndBouncyCastleForEdDsa() {
        var response = new Http(base).get("api/signature-providers");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("RSA: AmazonCorrettoCryptoProvider [\\d.]+, ES256: AmazonCorrettoCrypto"
                + "Provider [\\d.]+, ES384: AmazonCorrettoCryptoProvider [\\d.]+, ES512: AmazonCorrettoCryptoProvider"
                + " [\\d.]+, EdDSA: BC [\\d.]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "PS256", "EdDSA"})
    void whenATokenOfEachAlgorithmArrivesThenTheFastPathAcceptsIt(String alg) {
        var key = switch (alg) {
            case "ES256" -> EC;
            case "EdDSA" -> ED;
            default -> RSA.withAlgorithm(alg);
        };

        var response = new Http(base).until(r -> r.statusCode() == 200, "api/me", token(key).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"alice\"");
    }

    @Test
    void whenAnEcdsaTokenIsSignedByAnotherKeyUnderThePublishedKidThenItIsRefusedWith401() {
        var forged = token(EC).signedWith(IMPOSTOR).build();

        var response = new Http(base).bearer("api/me", forged);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(
                Challenges.invalidToken("The token signature is invalid"));
    }

    @Test
    void whenAnEcdsaSignatureIsAllZeroThenItIsRefusedWith401() {
        var good = token(EC).build();
        var zero = good.substring(0, good.lastIndexOf('.') + 1) + "A".repeat(86);

        var response = new Http(base).bearer("api/me", zero);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(
                Challenges.invalidToken("The token signature is invalid"));
    }
}
