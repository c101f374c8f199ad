package org.bearerguard.internal.sender;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** RFC 8705 §3.1: {@code x5t#S256} is base64url(SHA-256(DER of the certificate)), without padding. Stateless. */
public final class CertificateThumbprint {

    private CertificateThumbprint() {
    }

    public static String of(X509Certificate certificate) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } catch (CertificateEncodingException e) {
            return null; // a certificate that cannot be encoded matches no thumbprint
        }
    }

    /** Whether the certificate has this thumbprint; compared in constant time. */
    static boolean matches(X509Certificate certificate, String thumbprint) {
        var actual = of(certificate);
        return actual != null && MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                thumbprint.getBytes(StandardCharsets.US_ASCII));
    }
}
