package org.bearerguard.internal.verify;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * Only access tokens pass (RFC 9068 §4): an ID token (OIDC Core §2) or a refresh or logout token of the same issuer
 * may carry this API's {@code aud} too. The payload {@code typ} is an allow-list, since issuers name their other
 * tokens freely (Keycloak: {@code ID}, {@code Refresh}, {@code Logout}, {@code Offline}); the header {@code typ}
 * {@code at+jwt} (RFC 9068 §2.1) is required only where the issuer is known to set it.
 */
final class TokenTypeRules {

    /** RFC 7515 §4.1.9: compared case-insensitively, "application/" optional. */
    private static final Set<String> ACCESS_TOKEN_HEADER_TYPES = Set.of("at+jwt", "application/at+jwt");
    /** Payload {@code typ} of access tokens: Keycloak's {@code Bearer} and, for DPoP-bound ones, {@code DPoP}. */
    private static final Set<String> ACCESS_TOKEN_PAYLOAD_TYPES = Set.of("bearer", "dpop");

    private final boolean requireAtJwt;

    TokenTypeRules(boolean requireAtJwt) {
        this.requireAtJwt = requireAtJwt;
    }

    void check(Map<String, Object> header, Claims claims) throws BearerException {
        var typ = claims.get("typ");
        if (typ != null && !isOneOf(typ, ACCESS_TOKEN_PAYLOAD_TYPES)) {
            throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED);
        }
        if (requireAtJwt && !isOneOf(header.get("typ"), ACCESS_TOKEN_HEADER_TYPES)) {
            throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED);
        }
    }

    private static boolean isOneOf(Object value, Set<String> lowerCaseNames) {
        return value instanceof String s && lowerCaseNames.contains(s.toLowerCase(Locale.ROOT));
    }
}
