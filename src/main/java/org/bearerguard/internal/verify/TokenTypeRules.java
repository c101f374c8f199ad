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
    /** Payload {@code typ} of bearer access tokens (Keycloak's {@code Bearer}; its DPoP-bound ones say {@code DPoP}). */
    private static final Set<String> ACCESS_TOKEN_PAYLOAD_TYPES = Set.of("bearer");
    private static final Set<String> DPOP_PAYLOAD_TYPES = Set.of("dpop");
    /**
     * Claims only ID tokens (OIDC Core §2, §3.3.2.11: {@code nonce}, {@code at_hash}, {@code c_hash},
     * {@code s_hash}) and logout or security event tokens (OIDC Back-Channel Logout §2.4, RFC 8417: {@code events})
     * carry: an issuer that does not mark its token types still gives them away by these.
     */
    private static final java.util.List<String> NOT_IN_ACCESS_TOKENS = java.util.List.of("nonce", "at_hash", "c_hash",
            "s_hash", "events");

    private final boolean requireAtJwt;

    TokenTypeRules(boolean requireAtJwt) {
        this.requireAtJwt = requireAtJwt;
    }

    /**
     * @return what the token is bound to: whether the request proves it is for the request path to check
     *         ({@code sender.SenderCheck}), for every request, a cached token's included
     */
    Confirmation check(Map<String, Object> header, Claims claims) throws BearerException {
        var confirmation = Confirmation.of(claims);
        // Keycloak marks its DPoP-bound tokens typ DPoP: one without a DPoP key to prove is no token of that kind
        if (isOneOf(claims.get("typ"), DPOP_PAYLOAD_TYPES) && confirmation.jkt().isEmpty()) {
            throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED);
        }
        for (var claim : NOT_IN_ACCESS_TOKENS) {
            if (claims.get(claim) != null) {
                throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED);
            }
        }
        var typ = claims.get("typ");
        if (typ != null && !isOneOf(typ, ACCESS_TOKEN_PAYLOAD_TYPES) && !isOneOf(typ, DPOP_PAYLOAD_TYPES)) {
            throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED);
        }
        if (requireAtJwt && !isOneOf(header.get("typ"), ACCESS_TOKEN_HEADER_TYPES)) {
            throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED);
        }
        return confirmation;
    }

    private static boolean isOneOf(Object value, Set<String> lowerCaseNames) {
        return value instanceof String s && lowerCaseNames.contains(s.toLowerCase(Locale.ROOT));
    }
}
