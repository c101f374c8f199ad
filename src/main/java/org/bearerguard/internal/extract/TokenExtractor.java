package org.bearerguard.internal.extract;

import java.nio.charset.StandardCharsets;
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
     * The one pass over a token's characters: b64token syntax (RFC 6750 §2.1:
     * {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}), dot positions, and whether it is
     * base64url only. Null when it is not a b64token.
     */
    static BearerToken scan(String value, int start, int end) {
        var token = start == 0 && end == value.length() ? value : value.substring(start, end);
        // one bulk copy into bytes (a Latin-1 string's own array, copied), then a loop the JIT keeps tight;
        // a character beyond Latin-1 becomes '?', which no b64token has
        var bytes = token.getBytes(StandardCharsets.ISO_8859_1);
        int n = bytes.length;
        int i = 0;
        int dots = 0;
        int first = -1;
        int second = -1;
        int b64TokenOnly = 0;
        while (i < n) {
            byte kind = KIND[bytes[i] & 0xFF];
            if (kind == OTHER) {
                break;
            }
            if (kind == DOT) {
                if (dots == 0) {
                    first = i;
                } else if (dots == 1) {
                    second = i;
                }
                dots++;
            }
            b64TokenOnly |= kind & B64TOKEN_ONLY_BIT;
            i++;
        }
        if (i == 0) {
            return null;
        }
        boolean padded = i < n;
        while (i < n && bytes[i] == '=') {
            i++;
        }
        if (i < n) {
            return null;
        }
        return new BearerToken(token, first, second, dots, b64TokenOnly == 0 && !padded);
    }

    private static final byte OTHER = 0;
    private static final byte BASE64URL = 1;
    private static final byte DOT = 2;
    private static final byte B64TOKEN_ONLY_BIT = 4;
    private static final byte B64TOKEN_ONLY = 1 | B64TOKEN_ONLY_BIT;
    /** What each Latin-1 character is in a token, as a table: this scan runs on every request. */
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
