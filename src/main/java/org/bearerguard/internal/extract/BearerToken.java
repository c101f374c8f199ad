package org.bearerguard.internal.extract;

/**
 * A token as extracted, with what the one scan over its characters learned, so that nothing scans it again.
 *
 * @param value        the token text
 * @param firstDot     index of the first '.', or -1
 * @param secondDot    index of the second '.', or -1
 * @param dots         how many '.' it has
 * @param base64UrlOnly whether every other character is of the base64url alphabet (RFC 4648 §5): no '~', '+', '/', '='
 */
public record BearerToken(String value, int firstDot, int secondDot, int dots, boolean base64UrlOnly) {

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
