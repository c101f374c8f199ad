package org.bearerguard.internal.extract;

/**
 * A token as extracted, with what the one reading of its characters learned, so that nothing reads them again.
 *
 * @param value        the token text
 * @param bytes        its characters as bytes, one each (Latin-1; for a b64token that is ASCII): what the decoding
 *                     and the signature check read, never to be written to
 * @param firstDot     index of the first '.', or -1
 * @param secondDot    index of the second '.', or -1
 * @param dots         how many '.' it has
 * @param base64UrlOnly whether every other character is of the base64url alphabet (RFC 4648 §5): no '~', '+', '/', '='
 * @param segments     a compact JWS's three segments, decoded; null unless the token is one ({@link #isCompactJws})
 *                     and each segment is in its canonical spelling ({@link Base64Url})
 */
public record BearerToken(String value, byte[] bytes, int firstDot, int secondDot, int dots, boolean base64UrlOnly,
                          Segments segments) {

    /** The bytes a compact JWS's header, payload and signature spell (never to be written to). */
    public record Segments(byte[] header, byte[] payload, byte[] signature) {
    }

    /** Three base64url segments: the only shape a compact JWS (RFC 7515 §7.1) can have. */
    public boolean isCompactJws() {
        return dots == 2 && base64UrlOnly && firstDot > 0 && secondDot > firstDot + 1;
    }

    /** What was learned about the token, never its text: a record would print the credential into any log line. */
    @Override
    public String toString() {
        return "BearerToken[" + value.length() + " characters, " + dots + " dots" + (base64UrlOnly ? ", base64url only]"
                : "]");
    }

    /** Scans a string that arrived some other way (tests, tools). */
    public static BearerToken of(String value) {
        return TokenExtractor.scan(value, 0, value.length());
    }
}
