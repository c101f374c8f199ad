package org.bearerguard.internal.error;

/**
 * {@code Access-Control-Expose-Headers} (Fetch standard, CORS): a browser script reads a response header only if it
 * is listed there, so that a web client can read the challenge of a refusal only if {@code WWW-Authenticate} is.
 */
public final class ExposedHeaders {

    public static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    public static final String EXPOSE = "Access-Control-Expose-Headers";

    private ExposedHeaders() {
    }

    /**
     * The list with {@code header} in it: as it was when it names the header already (names are case-insensitive),
     * else with the header appended ({@code *} is no wildcard for a request with credentials, so it is kept and
     * the name added).
     */
    public static String with(String exposed, String header) {
        if (exposed == null || exposed.isBlank()) {
            return header;
        }
        for (var name : exposed.split(",")) {
            if (name.trim().equalsIgnoreCase(header)) {
                return exposed;
            }
        }
        return exposed + ", " + header;
    }
}
