package org.bearerguard.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Compact JWS text assembled by hand, for tokens no library would produce. */
public final class RawTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private RawTokens() {
    }

    public static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    public static String of(String headerJson, String payloadJson, byte[] signature) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + b64(signature);
    }

    /** The payload segment of a token, decoded. */
    public static String payloadOf(String token) {
        var parts = token.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    /** The same token with another header, keeping payload and signature. */
    public static String withHeader(String token, String headerJson) {
        return b64(headerJson) + token.substring(token.indexOf('.'));
    }
}
