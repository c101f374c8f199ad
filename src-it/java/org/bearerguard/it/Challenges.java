package org.bearerguard.it;

/**
 * The {@code WWW-Authenticate} values the test deployments answer with (realm {@code it}, DPoP allowed as by
 * default): one header value, the Bearer challenge first, then the DPoP one naming the proof algorithms (RFC 9449
 * §7.1); a refusal of a DPoP request has the DPoP challenge only.
 */
final class Challenges {

    static final String DPOP_ALGS = "algs=\"ES256 ES384 ES512 EdDSA PS256 PS384 PS512 RS256 RS384 RS512\"";
    /** What follows the Bearer challenge wherever DPoP is allowed. */
    static final String AND_DPOP = ", DPoP realm=\"it\", " + DPOP_ALGS;
    /** No credentials at all. */
    static final String BARE = bearer("");

    private Challenges() {
    }

    /** The Bearer challenge with these parameters ({@code ", error=…"}), then the DPoP one. */
    static String bearer(String params) {
        return "Bearer realm=\"it\"" + params + AND_DPOP;
    }

    static String invalidToken(String description) {
        return bearer(", error=\"invalid_token\", error_description=\"" + description + "\"");
    }

    /** The DPoP challenge alone, with these parameters. */
    static String dpop(String params) {
        return "DPoP realm=\"it\"" + params + ", " + DPOP_ALGS;
    }
}
