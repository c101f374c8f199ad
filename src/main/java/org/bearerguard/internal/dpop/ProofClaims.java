package org.bearerguard.internal.dpop;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.bearerguard.internal.verify.NumericDate;

/**
 * The claims of a proof (RFC 9449 §4.2), typed: {@code jti}, {@code htm}, {@code htu} and {@code iat} are required
 * (§4.3 item 3), {@code ath} and {@code nonce} optional here (whether they are needed depends on the
 * request). A required claim that is absent, or any of them of the wrong type, is a refusal.
 *
 * @param jti   unique identifier, 1 to {@link #MAX_JTI_CHARS} characters
 * @param htm   the HTTP method
 * @param htu   the target URI, as the client wrote it
 * @param iat   issue time, to the second
 * @param ath   hash of the access token, if present
 * @param nonce server nonce, if present
 */
record ProofClaims(String jti, String htm, String htu, Instant iat, Optional<String> ath, Optional<String> nonce) {

    /**
     * Longest {@code jti} taken. RFC 9449 §4.2 asks for at least 96 bits of randomness: 16 to 36 characters in
     * practice; a replay store keeps only its digest, so the bound is about the work per proof, not the store.
     */
    static final int MAX_JTI_CHARS = 256;

    static ProofClaims of(Map<String, Object> claims) throws ProofException {
        var jti = required(claims, "jti");
        if (jti.isEmpty() || jti.length() > MAX_JTI_CHARS) {
            throw malformed();
        }
        return new ProofClaims(jti, required(claims, "htm"), required(claims, "htu"), issuedAt(claims.get("iat")),
                optional(claims, "ath"), optional(claims, "nonce"));
    }

    private static String required(Map<String, Object> claims, String name) throws ProofException {
        var value = claims.get(name);
        if (value == null) {
            throw new ProofException(DpopReason.MISSING_CLAIM);
        }
        if (!(value instanceof String s)) {
            throw malformed();
        }
        return s;
    }

    private static Optional<String> optional(Map<String, Object> claims, String name) throws ProofException {
        var value = claims.get(name);
        if (value != null && !(value instanceof String)) {
            throw malformed();
        }
        return Optional.ofNullable((String) value);
    }

    /** A NumericDate ({@link NumericDate}: years 1 to 9999, so adding the window or the skew cannot overflow). */
    private static Instant issuedAt(Object value) throws ProofException {
        if (value == null) {
            throw new ProofException(DpopReason.MISSING_CLAIM);
        }
        var date = NumericDate.of(value);
        if (date == null) {
            throw malformed();
        }
        return date;
    }

    private static ProofException malformed() {
        return new ProofException(DpopReason.MALFORMED_CLAIMS);
    }
}
