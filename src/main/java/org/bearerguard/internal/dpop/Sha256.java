package org.bearerguard.internal.dpop;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** base64url(SHA-256(bytes)) without padding: the one digest the DPoP values use (RFC 7638, RFC 9449 §4.2). */
final class Sha256 {

    private Sha256() {
    }

    static String base64Url(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
