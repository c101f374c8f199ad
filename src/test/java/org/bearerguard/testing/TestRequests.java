package org.bearerguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bearerguard.internal.sender.RequestFacts;

/**
 * Requests as the pipeline sees them ({@link RequestFacts}): {@code GET} of {@link #URI}, with the token under a
 * scheme, DPoP proofs and a TLS client certificate as each test needs.
 */
public final class TestRequests {

    public static final String URI = "https://api.example/app/orders";
    /** Two self-signed P-256 client certificates (src/test/resources/certs). */
    public static final X509Certificate RIGHT_CERTIFICATE = certificate("right.pem");
    public static final X509Certificate OTHER_CERTIFICATE = certificate("other.pem");

    private TestRequests() {
    }

    /** {@code Authorization: DPoP <token>} with these {@code DPoP} header values. */
    public static RequestFacts dpop(String token, String... proofs) {
        return new RequestFacts(List.of("DPoP " + token), List.of(proofs), "GET", URI, Optional::empty);
    }

    /** {@code Authorization: Bearer <token>} with these {@code DPoP} header values. */
    public static RequestFacts bearer(String token, String... proofs) {
        return new RequestFacts(List.of("Bearer " + token), List.of(proofs), "GET", URI, Optional::empty);
    }

    /** {@code Authorization: Bearer <token>} over a connection with this client certificate. */
    public static RequestFacts bearerOver(X509Certificate certificate, String token) {
        return new RequestFacts(List.of("Bearer " + token), List.of(), "GET", URI, () -> Optional.of(certificate));
    }

    /** A valid proof for {@link #URI} and this token, by {@link TestKeys#EC}. */
    public static TestProofs proofFor(String token) {
        return TestProofs.forRequest("GET", URI).accessToken(token);
    }

    private static X509Certificate certificate(String name) {
        try (InputStream in = TestRequests.class.getResourceAsStream("/certs/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
