package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.bearerguard.testing.TestCertificates;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TestIssuer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Certificate-bound tokens (RFC 8705 §3) on a real server over real TLS: the server asks for a client certificate
 * without requiring one (OpenLiberty {@code clientAuthenticationSupported}, Payara {@code client-auth=want}), and
 * trusts the test CA that signed both client certificates, {@code right} and {@code other} ({@link TestCertificates},
 * written by the build). A token with {@code cnf.x5t#S256} passes only with the certificate of that thumbprint.
 */
@ExtendWith(ArquillianExtension.class)
class CertificateBoundIT {

    private static final TestIssuer ISSUER = TestIssuer.start();
    /** The IT application names this issuer too (GuardedResource.partnerOnly). */
    private static final TestIssuer PARTNER = TestIssuer.start("partner-api", SigningKey.ec("partner-1"));
    private static final Path TLS = Path.of(System.getProperty("it.tls.dir", "target/tls"));
    private static final java.security.cert.X509Certificate RIGHT =
            TestCertificates.certificate(TLS, TestCertificates.RIGHT);
    private static final String RIGHT_THUMBPRINT = TestCertificates.thumbprint(RIGHT);

    private static final String REALM = "bound";
    /** The refusal of a bound token without its certificate (RFC 8705 §3: invalid_token, RFC 6750 §3.1). */
    static final String CERTIFICATE_NOT_PRESENTED = "Bearer realm=\"" + REALM + "\", error=\"invalid_token\","
            + " error_description=\"The token is bound to a certificate that the request does not present\"";
    /** DPoP is allowed by default, so every challenge offers it too (RFC 9449 §7.1). */
    static final String DPOP_OFFER = "DPoP realm=\"" + REALM + "\","
            + " algs=\"ES256 ES384 ES512 EdDSA PS256 PS384 PS512 RS256 RS384 RS512\"";
    /** The whole challenge, whether the server sends it as one header or as one header per scheme. */
    static final String REFUSED = CERTIFICATE_NOT_PRESENTED + ", " + DPOP_OFFER;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.guardedApp("bound", ISSUER, "bearer.realm=" + REALM,
                "bearer.issuers.partner.issuer=" + PARTNER.issuer(),
                "bearer.issuers.partner.audience=partner-api");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
        PARTNER.close();
    }

    private Http over(String client) {
        return Http.https(deployment, tls(client));
    }

    private static SSLContext tls(String client) {
        return TestCertificates.clientContext(TLS, client);
    }

    private static String boundToken() {
        return ISSUER.token().username("alice").boundTo(RIGHT).build();
    }

    private static String ordinaryToken() {
        return ISSUER.token().username("alice").build();
    }

    private static String challenge(HttpResponse<String> response) {
        return String.join(", ", response.headers().allValues("WWW-Authenticate"));
    }

    /**
     * What the library relies on, on this server: over TLS, a post-matching JAX-RS filter reads the client's chain,
     * leaf first, as {@code X509Certificate[]} from {@code ContainerRequestContext.getProperty(
     * "jakarta.servlet.request.X509Certificate")}, the servlet request attribute of that name; without a certificate
     * or without TLS, nothing.
     */
    @Test
    void whenTheClientPresentsACertificateThenTheApplicationSeesIt() {
        var right = over(TestCertificates.RIGHT).get("api/tls-probe");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("{\"secure\":true}");
        assertThat(right.headers().firstValue("X-Probe-Property"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("X509Certificate[]:" + RIGHT_THUMBPRINT)
                        .endsWith(";secure=true"));

        var other = over(TestCertificates.OTHER).get("api/tls-probe");
        assertThat(other.headers().firstValue("X-Probe-Property"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("X509Certificate[]:").doesNotContain(RIGHT_THUMBPRINT));

        var none = over(null).get("api/tls-probe");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.headers().firstValue("X-Probe-Property")).hasValue("none;secure=true");

        var plain = new Http(deployment).get("api/tls-probe");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("X-Probe-Property")).hasValue("none;secure=false");
        for (var seen : new HttpResponse<?>[] {right, other, none, plain}) {
            System.out.println("TLS probe " + seen.uri() + ": " + seen.headers().firstValue("X-Probe-Property"));
        }
    }

    @Test
    void whenTheBoundCertificateIsPresentedThenTheTokenIsAccepted() {
        var response = over(TestCertificates.RIGHT).bearer("api/me", boundToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"alice\"").contains("\"secure\":true")
                .contains("\"certificate\":\"" + RIGHT_THUMBPRINT + "\"").contains("\"dpopKey\":\"\"");
    }

    @Test
    void whenAnotherCertificateIsPresentedThenTheTokenIsRefused() {
        var response = over(TestCertificates.OTHER).bearer("api/me", boundToken());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo(REFUSED);
    }

    @Test
    void whenNoCertificateIsPresentedOverTlsThenTheTokenIsRefused() {
        var response = over(null).bearer("api/me", boundToken());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo(REFUSED);
    }

    @Test
    void whenTheBoundTokenComesOverPlainHttpThenItIsRefused() {
        var response = new Http(deployment).bearer("api/me", boundToken());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo(REFUSED);
    }

    /** A token without {@code cnf} is not bound: any certificate, or none, over the same TLS port. */
    @Test
    void whenTheTokenIsNotBoundThenAnyCertificateOrNoneWillDo() {
        for (var client : new String[] {TestCertificates.RIGHT, TestCertificates.OTHER, null}) {
            var response = over(client).bearer("api/me", ordinaryToken());

            assertThat(response.statusCode()).as("client certificate %s", client).isEqualTo(200);
            assertThat(response.body()).contains("\"name\":\"alice\"").contains("\"secure\":true");
        }
    }
}
