package org.bearerguard.internal.verify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.extract.BearerToken;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;

/**
 * A compact JWS taken apart once: three base64url segments (RFC 7515 §7.1, found by the extractor's one scan), each
 * decoded once, header and payload
 * parsed once ({@link JsonReader}: no duplicate members, depth and member count bounded).
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

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    static CompactJws parse(BearerToken scanned) throws BearerException {
        if (!scanned.isCompactJws()) {
            throw malformed(); // a JWE has five parts; RFC 7515 §2: base64url without padding, nothing else
        }
        var token = scanned.value();
        int first = scanned.firstDot();
        int second = scanned.secondDot();
        try {
            var header = DECODER.decode(token.substring(0, first));
            var payload = DECODER.decode(token.substring(first + 1, second));
            var signature = DECODER.decode(token.substring(second + 1));
            var signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
            // RFC 7515 §7.2.1 / RFC 8259 §8.1: UTF-8 JSON, decoded strictly (no U+FFFD for bad bytes)
            return new CompactJws(JsonReader.readObject(header, MAX_HEADER_MEMBERS),
                    new Claims(JsonReader.readObject(payload, MAX_PAYLOAD_MEMBERS)), signingInput, signature);
        } catch (IllegalArgumentException | JsonException e) {
            throw malformed(); // bad base64url, not UTF-8, not JSON, duplicate members, or not a JSON object
        }
    }

    private static BearerException malformed() {
        return BearerException.invalidToken(Reason.MALFORMED_TOKEN);
    }
}
