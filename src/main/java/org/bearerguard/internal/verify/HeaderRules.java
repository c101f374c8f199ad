package org.bearerguard.internal.verify;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/** Checks on the JOSE header that need no key and no issuer; they run before anything costly. */
final class HeaderRules {

    /** RFC 9068 §2.1 and plain JWT; RFC 7515 §4.1.9: compared case-insensitively, "application/" optional. */
    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "at+jwt", "application/jwt", "application/at+jwt");

    private HeaderRules() {
    }

    /** The {@code alg}, which is never {@code none}. */
    static String algorithm(Map<String, Object> header) throws BearerException {
        if (!(header.get("alg") instanceof String name) || name.isEmpty()) {
            throw BearerException.refused(Reason.MALFORMED_TOKEN);
        }
        if (name.equalsIgnoreCase("none")) {
            throw BearerException.refused(Reason.ALGORITHM_NOT_ACCEPTED);
        }
        return name;
    }

    /** The {@code kid}, or {@code null} when the header has none. */
    static String keyId(Map<String, Object> header) throws BearerException {
        var kid = header.get("kid");
        if (kid != null && !(kid instanceof String)) {
            throw BearerException.refused(Reason.MALFORMED_TOKEN);
        }
        return (String) kid;
    }

    /**
     * {@code typ} absent or a JWT access-token type; no {@code crit} (we understand no extension, RFC 7515 §4.1.11);
     * no nested JWT or JOSE content, however its {@code cty} spells it. {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} are ignored: keys come only from the
     * configured issuer (RFC 8725 §3.10).
     */
    static void check(Map<String, Object> header) throws BearerException {
        var typ = header.get("typ");
        if (typ != null && !(typ instanceof String t && ACCEPTED_TYPES.contains(t.toLowerCase(Locale.ROOT)))) {
            throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED);
        }
        if (header.containsKey("crit")) {
            throw BearerException.refused(Reason.CRITICAL_HEADER);
        }
        var cty = header.get("cty");
        if (cty != null && !(cty instanceof String c && !announcesNesting(c))) {
            throw BearerException.refused(Reason.MALFORMED_TOKEN);
        }
    }

    /**
     * Whether a {@code cty} says the payload is itself a JWT (RFC 7519 §5.2) or another JOSE object (RFC 7515 §4.1.10):
     * a media type, compared case-insensitively (RFC 2045 §5.1), parameters aside, {@code application/} optional, and
     * any {@code +jwt} structured suffix (RFC 6838 §4.2.8) counted as JWT.
     */
    static boolean announcesNesting(String cty) {
        int semicolon = cty.indexOf(';');
        var type = (semicolon < 0 ? cty : cty.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/")) {
            type = type.substring("application/".length());
        }
        return type.equals("jwt") || type.endsWith("+jwt") || type.equals("jose") || type.equals("jose+json");
    }
}
