package org.bearerguard.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bearerguard.testing.RawTokens;
import org.jose4j.json.JsonUtil;

/** A mutation fuzzer's operators: each takes a compact token and a source of randomness, returns a variant. */
public final class Mutations {

    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String NOISE = B64URL + ".+/=~ \"{}[]:,\\%\u00e9\u0000";
    private static final List<String> FIELDS = List.of("alg", "kid", "typ", "crit", "cty", "jku", "jwk", "x5u", "b64",
            "iss", "sub", "aud", "exp", "nbf", "iat", "scope", "scp", "realm_access", "preferred_username");
    private static final List<Object> VALUES = List.of("none", "HS256", "RS256", "ES256", "EdDSA", "JWT", "", "rsa-1",
            "ec-1", 0, -1, 1.5, Long.MAX_VALUE, 1e308, true, List.of(), List.of("api", 1), Map.of(), Map.of("roles", 3),
            "http://127.0.0.1:1/jwks", "x".repeat(300));

    private Mutations() {
    }

    public static String mutate(String token, Random random) {
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            token = once(token, random);
        }
        return token;
    }

    private static String once(String token, Random random) {
        var parts = token.split("\\.", -1);
        int at = token.isEmpty() ? 0 : random.nextInt(token.length());
        return switch (random.nextInt(11)) {
            case 0 -> token.isEmpty() ? token
                    : token.substring(0, at) + B64URL.charAt(random.nextInt(B64URL.length())) + token.substring(at + 1);
            case 1 -> token.isEmpty() ? token : token.substring(0, at) + token.substring(at + 1);
            case 2 -> token.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length())) + token.substring(at);
            case 3 -> token.substring(0, at);
            case 4 -> parts.length < 3 ? token + "." + token : parts[1] + "." + parts[0] + "." + parts[2];
            case 5 -> parts.length < 3 ? token : jsonField(parts, 0, random);
            case 6 -> parts.length < 3 ? token : jsonField(parts, 1, random);
            case 7 -> parts.length < 3 ? token : parts[0] + "." + parts[1] + "." + randomB64(random);
            case 8 -> token + "." + randomB64(random);
            case 9 -> parts.length < 3 ? token : respellLast(parts, random.nextInt(3), random);
            default -> parts.length < 3 ? token : parts[0] + "." + parts[1] + "." + parts[2].substring(0,
                    random.nextInt(parts[2].length() + 1));
        };
    }

    /**
     * Another last character for one segment: where it only changes padding bits (RFC 4648 §3.5), a lenient decoder
     * reads the same bytes.
     */
    private static String respellLast(String[] parts, int which, Random random) {
        var segment = parts[which];
        if (!segment.isEmpty()) {
            parts[which] = segment.substring(0, segment.length() - 1) + B64URL.charAt(random.nextInt(B64URL.length()));
        }
        return String.join(".", parts);
    }

    /** Sets or removes one field of the header (0) or payload (1) JSON, keeping the rest. */
    private static String jsonField(String[] parts, int which, Random random) {
        try {
            var json = new String(Base64.getUrlDecoder().decode(parts[which]), StandardCharsets.UTF_8);
            var map = new java.util.LinkedHashMap<String, Object>(JsonUtil.parseJson(json));
            var field = FIELDS.get(random.nextInt(FIELDS.size()));
            if (random.nextInt(4) == 0) {
                map.remove(field);
            } else {
                map.put(field, VALUES.get(random.nextInt(VALUES.size())));
            }
            parts[which] = RawTokens.b64(JsonUtil.toJson(map));
            return String.join(".", parts);
        } catch (Exception notJsonAnyMore) {
            return String.join(".", parts);
        }
    }

    private static String randomB64(Random random) {
        var bytes = new byte[random.nextInt(80)];
        random.nextBytes(bytes);
        return RawTokens.b64(bytes);
    }

    /**
     * Whether {@code Bearer <mutated>} still carries the original token's text: the extractor skips the spaces before
     * the token and the white space after it, nothing else.
     */
    public static boolean carriesTheSameToken(String original, String mutated) {
        int begin = 0;
        while (begin < mutated.length() && mutated.charAt(begin) == ' ') {
            begin++;
        }
        int end = mutated.length();
        while (end > begin && mutated.charAt(end - 1) <= ' ') {
            end--;
        }
        return mutated.substring(begin, end).equals(original);
    }
}
