package org.bearerguard.internal.verify;

import java.util.Arrays;
import java.util.Map;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.extract.BearerToken;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;

/**
 * A compact JWS taken apart once: three base64url segments (RFC 7515 §7.1), decoded by the extractor's one reading
 * of the token, and only in their canonical spelling ({@link org.bearerguard.internal.extract.Base64Url}); header and
 * payload parsed once as strict UTF-8 JSON ({@link JsonReader}: no duplicate members, depth and member count bounded).
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
        var segments = scanned.segments(); // decoded by the extractor's one reading of the token
        if (segments == null) {
            throw malformed(); // not base64url, or not its canonical spelling (RFC 4648 §3.5)
        }
        try {
            // RFC 7515 §7.2.1 / RFC 8259 §8.1: UTF-8 JSON, decoded strictly (no U+FFFD for bad bytes)
            return new CompactJws(JsonReader.readObject(segments.header(), MAX_HEADER_MEMBERS),
                    new Claims(JsonReader.readObject(segments.payload(), MAX_PAYLOAD_MEMBERS)),
                    // base64url characters only: the token's bytes up to the second dot are the ASCII signing input
                    Arrays.copyOf(scanned.bytes(), scanned.secondDot()), segments.signature());
        } catch (JsonException e) {
            throw malformed(); // not UTF-8, not JSON, duplicate members, or not a JSON object
        }
    }

    private static BearerException malformed() {
        return BearerException.refused(Reason.MALFORMED_TOKEN);
    }
}
