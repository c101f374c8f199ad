package org.bearerguard.testing;

/**
 * The {@code WWW-Authenticate} values of a pipeline with realm {@code test} and the default DPoP mode (allowed): the
 * Bearer challenge first, then the DPoP one naming the proof algorithms (RFC 9449 §7.1), in one header value.
 */
public final class TestChallenges {

    public static final String ALGS = "algs=\"ES256 ES384 ES512 EdDSA PS256 PS384 PS512 RS256 RS384 RS512\"";
    /** What follows the Bearer challenge wherever DPoP is allowed. */
    public static final String AND_DPOP = ", DPoP realm=\"test\", " + ALGS;

    private TestChallenges() {
    }

    public static String invalidToken(String description) {
        return "Bearer realm=\"test\", error=\"invalid_token\", error_description=\"" + description + "\"" + AND_DPOP;
    }

    /** The DPoP challenge alone, with this error. */
    public static String dpop(String code, String description) {
        return "DPoP realm=\"test\", error=\"" + code + "\", error_description=\"" + description + "\", " + ALGS;
    }
}
