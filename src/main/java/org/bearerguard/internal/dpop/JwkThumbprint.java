package org.bearerguard.internal.dpop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The RFC 7638 JWK thumbprint with SHA-256, base64url without padding: what RFC 9449 §6.1 puts in {@code cnf.jkt}.
 * Per §3.2, only a key type's required members enter, in lexicographic order, as JSON without any whitespace:
 * {@code e, kty, n} for RSA and {@code crv, kty, x, y} for EC (RFC 7518 §6), {@code crv, kty, x} for OKP (RFC 8037
 * §2). The members are taken as they are spelled; {@link ProofKey} admits only their one canonical spelling, so that a
 * key has one thumbprint. Stateless and thread-safe.
 */
public final class JwkThumbprint {

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "RSA", List.of("e", "kty", "n"),
            "EC", List.of("crv", "kty", "x", "y"),
            "OKP", List.of("crv", "kty", "x"));

    private JwkThumbprint() {
    }

    /**
     * The thumbprint of a public JWK (a JSON object as {@code json.JsonReader} reads it).
     *
     * @throws IllegalArgumentException when {@code kty} is not RSA, EC or OKP, or a required member is missing, not a
     *                                  string, or holds a character that JSON would have to escape or that is not
     *                                  printable ASCII (no RFC 7518 or RFC 8037 value does)
     */
    public static String of(Map<String, ?> jwk) {
        if (!(jwk.get("kty") instanceof String kty) || !REQUIRED.containsKey(kty)) {
            throw new IllegalArgumentException("no thumbprint for this key type");
        }
        var json = new StringBuilder(512).append('{');
        for (var name : REQUIRED.get(kty)) {
            if (!(jwk.get(name) instanceof String value) || !plain(value)) {
                throw new IllegalArgumentException("member " + name + " missing or not a plain string");
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":\"").append(value).append('"');
        }
        json.append('}');
        return Sha256.base64Url(json.toString().getBytes(StandardCharsets.US_ASCII)); // plain: ASCII is UTF-8
    }

    /** Printable ASCII without {@code "} and {@code \}: written into JSON as it is, the same by every writer. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
