package org.bearerguard.internal.verify;

import java.util.Map;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.extract.BearerToken;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;

/**
 * A compact JWS taken apart once: three base64url segments (RFC 7515 §7.1, found by the extractor's one scan), each
 * decoded once and only in its canonical spelling ({@link Base64Url}), header and payload parsed once as strict UTF-8
 * JSON ({@link JsonReader}: no duplicate members, depth and member count bounded).
 *
 * @param header       the JOSE header
 * @param claims       the payload
 * @param signingInput ASCII bytes of {@code header.payload}
 * @param signature    the decoded signature
 */
record CompactJws(Map<String, Object> header, Claims claims, byte[] signingInput, byte[] signature) {

    /** Most header parameters. */
    static final int MAX_HEADER_MEMBERS = 32;
    /** Most members, at any depth, in a payload. */
    static final int MAX_PAYLOAD_MEMBERS = 1024;

    static CompactJws parse(BearerToken scanned) throws BearerException {
        if (!scanned.isCompactJws()) {
            throw malformed(); // a JWE has five parts; RFC 7515 §2: base64url without padding, nothing else
        }
        var token = scanned.value();
        int first = scanned.firstDot();
        int second = scanned.secondDot();
        var header = Base64Url.decode(token, 0, first);
        var payload = Base64Url.decode(token, first + 1, second);
        var signature = Base64Url.decode(token, second + 1, token.length());
        if (header == null || payload == null || signature == null) {
            throw malformed(); // not base64url, or not its canonical spelling (RFC 4648 §3.5)
        }
        try {
            // RFC 7515 §7.2.1 / RFC 8259 §8.1: UTF-8 JSON, decoded strictly (no U+FFFD for bad bytes)
            return new CompactJws(JsonReader.readObject(header, MAX_HEADER_MEMBERS),
                    new Claims(JsonReader.readObject(payload, MAX_PAYLOAD_MEMBERS)), signingInput(token, second),
                    signature);
        } catch (JsonException e) {
            throw malformed(); // not UTF-8, not JSON, duplicate members, or not a JSON object
        }
    }

    /**
     * ASCII bytes of {@code header.payload}, in one copy: the scan admitted base64url characters only, and for those
     * the low byte of each character, which this deprecated method copies, is the ASCII byte.
     */
    @SuppressWarnings("deprecation")
    private static byte[] signingInput(String token, int end) {
        var bytes = new byte[end];
        token.getBytes(0, end, bytes, 0);
        return bytes;
    }

    private static BearerException malformed() {
        return BearerException.refused(Reason.MALFORMED_TOKEN);
    }
}
