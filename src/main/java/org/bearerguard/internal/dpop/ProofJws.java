package org.bearerguard.internal.dpop;

import java.util.Arrays;
import java.util.Map;
import org.bearerguard.internal.extract.BearerToken;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;

/**
 * A DPoP proof taken apart once (RFC 9449 §4.3 item 2): exactly one compact JWS of three base64url segments, each
 * in its one canonical spelling (read as a bearer token is: {@link BearerToken#of}), header and payload strict UTF-8
 * JSON objects ({@link JsonReader}: no duplicate members, depth and member count bounded). No JWE, no JSON
 * serialization, no unsecured JWS.
 *
 * @param header       the JOSE header
 * @param claims       the payload
 * @param signingInput ASCII bytes of {@code header.payload}
 * @param signature    the decoded signature
 */
record ProofJws(Map<String, Object> header, Map<String, Object> claims, byte[] signingInput, byte[] signature) {

    /**
     * Longest proof read, in characters. A proof holds a handful of short claims and one public key: an RSA key of
     * 8192 bits, the largest {@link ProofKey} takes, needs about 1.9 KB of it.
     */
    static final int MAX_CHARS = 8192;
    /** Most members in the header, those of its {@code jwk} included. */
    static final int MAX_HEADER_MEMBERS = 32;
    /** Most members, at any depth, in the payload. */
    static final int MAX_PAYLOAD_MEMBERS = 64;

    static ProofJws parse(String proof) throws ProofException {
        if (proof.length() > MAX_CHARS) {
            throw new ProofException(DpopReason.PROOF_TOO_LONG);
        }
        // the bearer token's one reading: §4.3 item 2, one JWT in the compact form (a JWE has five parts), each
        // segment canonical base64url without padding; anything else carries no segments
        var scanned = BearerToken.of(proof);
        var segments = scanned == null ? null : scanned.segments();
        if (segments == null) {
            throw malformed();
        }
        try {
            return new ProofJws(JsonReader.readObject(segments.header(), MAX_HEADER_MEMBERS),
                    JsonReader.readObject(segments.payload(), MAX_PAYLOAD_MEMBERS),
                    // base64url characters only: the proof's bytes up to the second dot are the ASCII signing input
                    Arrays.copyOf(scanned.bytes(), scanned.secondDot()), segments.signature());
        } catch (JsonException e) {
            throw malformed(); // not UTF-8, not JSON, duplicate members, too deep or too many, or not an object
        }
    }

    private static ProofException malformed() {
        return new ProofException(DpopReason.MALFORMED_PROOF);
    }
}
