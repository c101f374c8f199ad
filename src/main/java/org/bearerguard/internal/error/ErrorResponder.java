package org.bearerguard.internal.error;

import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Renders every {@link BearerError}: the only place that writes {@code WWW-Authenticate} (RFC 6750 §3) and the
 * only place that decides a status. Bodies are a small JSON object with the same code and description, never
 * anything else; every response carries {@code Cache-Control: no-store}.
 */
public final class ErrorResponder {

    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String CACHE_CONTROL = "Cache-Control";

    /** RFC 6750 §3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final String realm;

    public ErrorResponder(String realm) {
        this.realm = realm;
    }

    public ErrorResponse render(BearerError error) {
        if (error instanceof BearerError.MissingCredentials) {
            return response(401, "Bearer realm=\"" + realm + "\"", null, null);
        }
        if (error instanceof BearerError.Refused refused) {
            var scope = refused.scopes().stream().filter(s -> SCOPE_TOKEN.matcher(s).matches()).toList();
            return withError(refused.reason(), scope.isEmpty() ? "" : ", scope=\"" + String.join(" ", scope) + "\"");
        }
        if (error instanceof BearerError.KeysUnavailable unavailable) {
            // RFC 9110 §10.2.3: a whole number of seconds; round up so clients never come back too early
            long seconds = Math.max(1, (unavailable.retryAfter().toMillis() + 999) / 1000);
            return response(503, null, Long.toString(seconds), null);
        }
        if (error instanceof BearerError.ServerError) {
            return response(500, null, null, null);
        }
        throw new IllegalArgumentException("not a BearerError of this version: " + error.getClass().getName());
    }

    private ErrorResponse withError(Reason reason, String extra) {
        var code = reason.code();
        var header = "Bearer realm=\"" + realm + "\", error=\"" + code.code() + "\", error_description=\""
                + reason.description() + "\"" + extra;
        var body = "{\"error\":\"" + code.code() + "\",\"error_description\":\"" + reason.description() + "\"}";
        return response(code.status(), header, null, body);
    }

    private static ErrorResponse response(int status, String challenge, String retryAfter, String json) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(CACHE_CONTROL, "no-store");
        if (challenge != null) {
            headers.put(WWW_AUTHENTICATE, challenge);
        }
        if (retryAfter != null) {
            headers.put(RETRY_AFTER, retryAfter);
        }
        return new ErrorResponse(status, headers, Optional.ofNullable(json));
    }
}
