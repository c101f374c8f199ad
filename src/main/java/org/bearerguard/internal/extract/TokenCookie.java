package org.bearerguard.internal.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bearer.token-cookie}: a request without an {@code Authorization} header may carry its token in this cookie
 * (MicroProfile JWT's {@code mp.jwt.token.header=Cookie}). The cookie's value then stands for
 * {@code Authorization: Bearer <value>} and goes through the same checks; a cookie sent twice is two credentials,
 * refused as such. The {@code Authorization} header, when present, always wins: the cookie is not read.
 */
public final class TokenCookie {

    private TokenCookie() {
    }

    /**
     * @param authorization the request's {@code Authorization} values (may be null)
     * @param cookieHeaders the request's {@code Cookie} values (may be null)
     * @param name          the configured cookie name, if any
     * @return the {@code Authorization} values the pipeline is to read
     */
    public static List<String> authorization(List<String> authorization, List<String> cookieHeaders,
                                             Optional<String> name) {
        if (name.isEmpty() || (authorization != null && !authorization.isEmpty()) || cookieHeaders == null) {
            return authorization;
        }
        var found = new ArrayList<String>(1);
        for (var header : cookieHeaders) {
            // RFC 6265 §5.4: cookie-pairs separated by "; "; be lenient about the space
            for (var pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name.get())) {
                    found.add("Bearer " + unquoted(pair.substring(eq + 1).trim()));
                    if (found.size() > 1) {
                        return found; // refused as two credentials; no need to read on
                    }
                }
            }
        }
        return found.isEmpty() ? authorization : found;
    }

    /** RFC 6265 §4.1.1: a cookie-value may be wrapped in double quotes. */
    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
