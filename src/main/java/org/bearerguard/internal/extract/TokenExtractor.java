package org.bearerguard.internal.extract;

import java.util.List;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * RFC 6750 §2.1: {@code Authorization: Bearer <b64token>}, one header, scheme case-insensitive (RFC 7235 §2.1).
 * Only the header form is supported; §2.2/§2.3 (form body, query) are deliberately not, as RFC 9700 advises.
 */
public final class TokenExtractor {

    private static final String SCHEME = "bearer";

    private final int maxTokenLength;

    public TokenExtractor(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    /**
     * @param authorization every value of the {@code Authorization} header, or {@code null}
     * @return the token
     * @throws BearerException no credentials, or a malformed request
     */
    public String extract(List<String> authorization) throws BearerException {
        if (authorization == null || authorization.isEmpty()) {
            throw BearerException.missingCredentials();
        }
        if (authorization.size() > 1) {
            throw BearerException.invalidRequest(Reason.MULTIPLE_AUTHORIZATION_HEADERS);
        }
        var value = authorization.get(0);
        if (value == null || value.isBlank()) {
            throw BearerException.missingCredentials();
        }
        value = value.strip();
        int space = indexOfSpace(value);
        var scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase(SCHEME)) {
            // another scheme (Basic, DPoP…) carries no bearer credentials: 401 without an error code (§3.1)
            throw BearerException.missingCredentials();
        }
        if (space < 0) {
            throw BearerException.invalidRequest(Reason.MALFORMED_AUTHORIZATION);
        }
        int start = space;
        while (start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        if (value.length() - start > maxTokenLength) {
            throw BearerException.invalidRequest(Reason.TOKEN_TOO_LONG);
        }
        var token = value.substring(start);
        if (!isB64Token(token)) {
            throw BearerException.invalidRequest(Reason.MALFORMED_AUTHORIZATION);
        }
        return token;
    }

    private static int indexOfSpace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
    static boolean isB64Token(String token) {
        int i = 0;
        int n = token.length();
        while (i < n && isB64Char(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean isB64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
