package org.bearerguard.internal.extract;

import java.util.List;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * RFC 6750 §2.1: {@code Authorization: Bearer <b64token>}, and RFC 9449 §7.1: {@code Authorization: DPoP <token68>}
 * (the same characters); one header, scheme case-insensitive (RFC 9110 §11.1). Only the header form is supported;
 * RFC 6750 §2.2/§2.3 (form body, query) are deliberately not, as RFC 9700 advises.
 */
public final class TokenExtractor {

    private static final String BEARER = "bearer";
    private static final String DPOP = "dpop";

    private final int maxTokenLength;

    public TokenExtractor(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    /**
     * @param authorization every value of the {@code Authorization} header, or {@code null}
     * @return the scheme and the token, scanned
     * @throws BearerException no credentials, or a malformed request
     */
    public Credentials extract(List<String> authorization) throws BearerException {
        if (authorization == null || authorization.isEmpty()) {
            throw BearerException.missingCredentials();
        }
        if (authorization.size() > 1) {
            throw BearerException.refused(Reason.MULTIPLE_AUTHORIZATION_HEADERS);
        }
        var value = authorization.get(0);
        if (value == null || value.isBlank()) {
            throw BearerException.missingCredentials();
        }
        int end = value.length();
        while (end > 0 && isSpace(value.charAt(end - 1))) {
            end--;
        }
        int begin = 0;
        while (begin < end && isSpace(value.charAt(begin))) {
            begin++;
        }
        int space = value.indexOf(' ', begin);
        var scheme = space < 0 || space > end ? value.substring(begin, end) : value.substring(begin, space);
        Credentials.Scheme kind;
        if (scheme.equalsIgnoreCase(BEARER)) {
            kind = Credentials.Scheme.BEARER;
        } else if (scheme.equalsIgnoreCase(DPOP)) {
            kind = Credentials.Scheme.DPOP;
        } else {
            // another scheme (Basic…) carries no credentials of ours: 401 without an error code (RFC 6750 §3.1)
            throw BearerException.missingCredentials();
        }
        var malformed = kind == Credentials.Scheme.BEARER ? Reason.MALFORMED_AUTHORIZATION
                : Reason.MALFORMED_DPOP_AUTHORIZATION;
        if (space < 0 || space > end) {
            throw BearerException.refused(malformed);
        }
        int start = space;
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        if (end - start > maxTokenLength) {
            throw BearerException.refused(Reason.TOKEN_TOO_LONG);
        }
        var token = scan(value, start, end);
        if (token == null) {
            throw BearerException.refused(malformed);
        }
        return new Credentials(kind, token);
    }

    /** Space and the control characters: a header of nothing else carries no credentials. */
    private static boolean isSpace(char c) {
        return c <= ' ' || c == 0x7F;
    }

    /**
     * The one reading of a token's characters: b64token syntax (RFC 6750 §2.1:
     * {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}), dot positions, whether it is base64url
     * only, and a compact JWS's segments decoded. Null when it is not a b64token.
     */
    static BearerToken scan(String value, int start, int end) {
        var token = start == 0 && end == value.length() ? value : value.substring(start, end);
        // one bulk copy into bytes (a Latin-1 string's own array, copied); a character beyond Latin-1 becomes '?',
        // which no b64token has, and one beyond the BMP makes the bytes shorter than the text: no b64token either
        var bytes = Base64Url.latin1(token);
        if (bytes == null) {
            return null;
        }
        var jws = compactJws(token, bytes);
        return jws != null ? jws : eachCharacter(token, bytes);
    }

    /**
     * The usual token, a compact JWS in canonical base64url, read without a loop of ours: its dots found by
     * {@code indexOf}, its segments decoded ({@link Base64Url}: the JDK's decoder refuses every character outside the
     * alphabet, so a token it takes is a b64token too). Null for anything else, which {@link #eachCharacter} reads.
     */
    private static BearerToken compactJws(String token, byte[] bytes) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 1 || second < first + 2 || token.indexOf('.', second + 1) >= 0 || token.indexOf('=') >= 0) {
            return null;
        }
        var header = Base64Url.decodeUnpadded(bytes, 0, first);
        var payload = header == null ? null : Base64Url.decodeUnpadded(bytes, first + 1, second);
        var signature = payload == null ? null : Base64Url.decodeUnpadded(bytes, second + 1, bytes.length);
        if (signature == null) {
            return null;
        }
        return new BearerToken(token, bytes, first, second, 2, true,
                new BearerToken.Segments(header, payload, signature));
    }

    /** Every other token, character by character, in a loop without branches that the JIT keeps tight. */
    private static BearerToken eachCharacter(String token, byte[] bytes) {
        int body = bytes.length;
        while (body > 0 && bytes[body - 1] == '=') {
            body--; // padding, only at the end: an '=' before another character is not a b64token's below
        }
        if (body == 0) {
            return null;
        }
        int every = TOKEN_CHARACTER;
        int some = 0;
        int dots = 0;
        for (int i = 0; i < body; i++) {
            int kind = KIND[bytes[i] & 0xFF];
            every &= kind;
            some |= kind;
            dots += kind >>> DOT_SHIFT;
        }
        if (every == 0) {
            return null;
        }
        int first = dots == 0 ? -1 : token.indexOf('.');
        int second = dots < 2 ? -1 : token.indexOf('.', first + 1);
        boolean base64UrlOnly = (some & B64TOKEN_ONLY_BIT) == 0 && body == bytes.length;
        // a compact JWS in canonical base64url was read above: this one, if shaped like one, is not canonical
        return new BearerToken(token, bytes, first, second, dots, base64UrlOnly, null);
    }

    /** Set in the kind of every character a b64token may have, so that one AND over the token finds any other. */
    private static final int TOKEN_CHARACTER = 1;
    private static final int B64TOKEN_ONLY_BIT = 2;
    private static final int DOT_SHIFT = 2;
    private static final byte BASE64URL = TOKEN_CHARACTER;
    private static final byte DOT = TOKEN_CHARACTER | 1 << DOT_SHIFT; // counted by the shift: 1 for a dot, else 0
    private static final byte B64TOKEN_ONLY = TOKEN_CHARACTER | B64TOKEN_ONLY_BIT;
    /** What each Latin-1 character is in a token (0: not a b64token's), as a table: the scan runs on every request. */
    private static final byte[] KIND = new byte[256];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            KIND[c] = BASE64URL;
            KIND[Character.toLowerCase(c)] = BASE64URL;
        }
        for (char c = '0'; c <= '9'; c++) {
            KIND[c] = BASE64URL;
        }
        KIND['-'] = BASE64URL;
        KIND['_'] = BASE64URL;
        KIND['.'] = DOT;
        KIND['~'] = B64TOKEN_ONLY;
        KIND['+'] = B64TOKEN_ONLY;
        KIND['/'] = B64TOKEN_ONLY;
    }
}
