package org.bearerguard.testing;

import java.io.IOException;
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
    /** Where the unit tests' certificates are made ({@link TestCertificates}, as the build makes the ITs'). */
    private static final java.nio.file.Path CERTIFICATES = certificates();
    /** Two client certificates of the test CA. */
    public static final X509Certificate RIGHT_CERTIFICATE =
            TestCertificates.certificate(CERTIFICATES, TestCertificates.RIGHT);
    public static final X509Certificate OTHER_CERTIFICATE =
            TestCertificates.certificate(CERTIFICATES, TestCertificates.OTHER);

    private TestRequests() {
    }

    /** {@code Authorization: DPoP <token>} with these {@code DPoP} header values. */
    public static RequestFacts dpop(String token, String... proofs) {
        return new RequestFacts(List.of("DPoP " + token), List.of(proofs), "GET", () -> URI, Optional::empty);
    }

    /** {@code Authorization: Bearer <token>} with these {@code DPoP} header values. */
    public static RequestFacts bearer(String token, String... proofs) {
        return new RequestFacts(List.of("Bearer " + token), List.of(proofs), "GET", () -> URI, Optional::empty);
    }

    /** {@code Authorization: Bearer <token>} over a connection with this client certificate. */
    public static RequestFacts bearerOver(X509Certificate certificate, String token) {
        return new RequestFacts(List.of("Bearer " + token), List.of(), "GET", () -> URI, () -> Optional.of(certificate));
    }

    /** A valid proof for {@link #URI} and this token, by {@link TestKeys#EC}. */
    public static TestProofs proofFor(String token) {
        return TestProofs.forRequest("GET", URI).accessToken(token);
    }

    private static java.nio.file.Path certificates() {
        var dir = java.nio.file.Path.of("target", "unit-tls");
        try {
            TestCertificates.write(dir);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }
}
