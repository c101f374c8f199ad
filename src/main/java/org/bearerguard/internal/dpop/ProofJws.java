package org.bearerguard.internal.dpop;

import java.util.Arrays;
import java.util.Map;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;
import org.bearerguard.internal.extract.Base64Url;

/**
 * A DPoP proof taken apart once (RFC 9449 §4.3 item 2): exactly one compact JWS of three base64url segments, each
 * in its one canonical spelling ({@link Base64Url}), header and payload strict UTF-8 JSON objects ({@link JsonReader}:
 * no duplicate members, depth and member count bounded). No JWE, no JSON serialization, no unsecured JWS.
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
        int first = proof.indexOf('.');
        int second = first < 0 ? -1 : proof.indexOf('.', first + 1);
        if (second < 0 || proof.indexOf('.', second + 1) >= 0) {
            throw malformed(); // §4.3 item 2: one JWT, in the compact form; a JWE has five parts
        }
        if (proof.indexOf('=') >= 0) {
            throw malformed(); // RFC 7515 §2: base64url without padding
        }
        // one copy of the characters (beyond Latin-1: '?', outside the alphabet), each segment decoded from it
        var chars = Base64Url.latin1(proof);
        if (chars == null) {
            throw malformed(); // a character beyond the BMP: the bytes would not line up with the text
        }
        var header = Base64Url.decodeUnpadded(chars, 0, first);
        var payload = Base64Url.decodeUnpadded(chars, first + 1, second);
        var signature = Base64Url.decodeUnpadded(chars, second + 1, chars.length);
        if (header == null || payload == null || signature == null) {
            throw malformed();
        }
        try {
            return new ProofJws(JsonReader.readObject(header, MAX_HEADER_MEMBERS),
                    JsonReader.readObject(payload, MAX_PAYLOAD_MEMBERS),
                    // both segments decoded, so they are base64url characters only: ASCII
                    Arrays.copyOf(chars, second), signature);
        } catch (JsonException e) {
            throw malformed(); // not UTF-8, not JSON, duplicate members, too deep or too many, or not an object
        }
    }

    private static ProofException malformed() {
        return new ProofException(DpopReason.MALFORMED_PROOF);
    }
}
