package org.bearerguard.internal.verify;

import java.util.Map;
import java.util.Optional;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.extract.Base64Url;

/**
 * The token's {@code cnf} claim (RFC 7800 §3.1): what key or certificate the token is bound to, as far as this
 * library can check it. Two confirmation methods are understood: {@code jkt} (RFC 9449 §6.1, the RFC 7638
 * thumbprint of a DPoP key) and {@code x5t#S256} (RFC 8705 §3.1, the SHA-256 thumbprint of a TLS client
 * certificate), each 43 base64url characters. A token bound any other way is refused rather than taken as a bearer
 * token: one with another registered method (IANA JWT Confirmation Methods: {@code jwk}, {@code jwe}, {@code kid},
 * {@code jku}, {@code osc}), or with no method understood at all. Other members are ignored beside an understood
 * method (Keycloak adds {@code kc-jkt-type} to {@code jkt}).
 *
 * @param jkt     the DPoP key thumbprint, if bound to one
 * @param x5tS256 the certificate thumbprint, if bound to one
 */
public record Confirmation(Optional<String> jkt, Optional<String> x5tS256) {

    /** A plain bearer token. */
    public static final Confirmation NONE = new Confirmation(Optional.empty(), Optional.empty());

    /** Registered confirmation methods this library cannot check (RFC 7800 §3.2-3.5, RFC 9203 §3.2.1). */
    private static final java.util.Set<String> UNSUPPORTED_METHODS = java.util.Set.of("jwk", "jwe", "kid", "jku", "osc");
    private static final int THUMBPRINT_CHARS = 43; // SHA-256, base64url without padding

    /** Whether the token is bound to anything at all. */
    public boolean bound() {
        return jkt.isPresent() || x5tS256.isPresent();
    }

    /** The {@code cnf} of these claims; {@link #NONE} when absent. */
    static Confirmation of(Claims claims) throws BearerException {
        var cnf = claims.get("cnf");
        if (cnf == null) {
            return NONE;
        }
        if (!(cnf instanceof Map<?, ?> members) || members.isEmpty()) {
            throw BearerException.refused(Reason.MALFORMED_CLAIMS);
        }
        for (var name : members.keySet()) {
            if (UNSUPPORTED_METHODS.contains(name)) {
                throw BearerException.refused(Reason.UNSUPPORTED_CONFIRMATION); // never ignored: it binds the token
            }
        }
        var confirmation = new Confirmation(thumbprint(members.get("jkt")), thumbprint(members.get("x5t#S256")));
        if (!confirmation.bound()) {
            throw BearerException.refused(Reason.UNSUPPORTED_CONFIRMATION); // bound, but by nothing we know
        }
        return confirmation;
    }

    private static Optional<String> thumbprint(Object value) throws BearerException {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s && s.length() == THUMBPRINT_CHARS && Base64Url.decode(s, 0, s.length()) != null) {
            return Optional.of(s);
        }
        throw BearerException.refused(Reason.MALFORMED_CLAIMS);
    }
}
