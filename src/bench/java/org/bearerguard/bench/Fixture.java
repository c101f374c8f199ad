package org.bearerguard.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bearerguard.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;

/**
 * One Keycloak-like access token per algorithm (RSA 2048, P-256 or Ed25519), and a tampered copy, shared by every
 * case.
 */
final class Fixture {

    static final String ISSUER_PATH = "/realm";
    static final String AUDIENCE = "orders-api";

    final String alg;
    final PublicJsonWebKey key;
    final String issuer;
    final String token;
    final String tampered;

    Fixture(String alg, String issuer) throws Exception {
        this.alg = alg;
        this.key = switch (alg) {
            case "RS256", "PS256" -> TestKeys.RSA;
            case "EdDSA" -> TestKeys.ED;
            default -> TestKeys.EC;
        };
        this.issuer = issuer;
        this.token = sign(claims("5f0c6b2e-8a1d-4a7e-9f3c-2d4b6e8a0c1f"));
        var forged = sign(claims("00000000-8a1d-4a7e-9f3c-2d4b6e8a0c1f"));
        this.tampered = forged.substring(0, forged.lastIndexOf('.')) + token.substring(token.lastIndexOf('.'));
    }

    /** Another valid token of the same shape (a different {@code jti}). */
    String variant(int i) throws Exception {
        var claims = claims("5f0c6b2e-8a1d-4a7e-9f3c-2d4b6e8a0c1f");
        claims.put("jti", String.format("onrtac:3b1d9c6e-71f4-4d0a-b8e2-%012d", i));
        return sign(claims);
    }

    /**
     * The same token bound to a DPoP key, as Keycloak 26 issues it to a client that proved one: {@code typ} DPoP and
     * {@code cnf.jkt}, the key's RFC 7638 thumbprint (56 more characters in the token).
     */
    String boundTo(String jkt) throws Exception {
        var claims = claims("5f0c6b2e-8a1d-4a7e-9f3c-2d4b6e8a0c1f");
        claims.put("typ", "DPoP");
        claims.put("cnf", Map.of("jkt", jkt));
        return sign(claims);
    }

    /** The claims Keycloak 26 puts in an access token, with realistic sizes. */
    private Map<String, Object> claims(String sub) {
        long now = Instant.now().getEpochSecond();
        var c = new LinkedHashMap<String, Object>();
        c.put("exp", now + 3600);
        c.put("iat", now);
        c.put("jti", "onrtac:3b1d9c6e-71f4-4d0a-b8e2-5a9c0f3e7d21");
        c.put("iss", issuer);
        c.put("aud", List.of(AUDIENCE, "account"));
        c.put("sub", sub);
        c.put("typ", "Bearer");
        c.put("azp", "web-frontend");
        c.put("sid", "a7c1e3f5-0b2d-4f6a-8c9e-1d3f5b7a9c0e");
        c.put("acr", "1");
        c.put("allowed-origins", List.of("https://app.example.com"));
        c.put("realm_access", Map.of("roles", List.of("default-roles-acme", "offline_access", "uma_authorization")));
        c.put("resource_access", Map.of(AUDIENCE, Map.of("roles", List.of("orders-reader", "orders-writer"))));
        c.put("scope", "openid profile email orders:read");
        c.put("email_verified", true);
        c.put("name", "Jane Doe");
        c.put("preferred_username", "jane.doe");
        c.put("given_name", "Jane");
        c.put("family_name", "Doe");
        c.put("email", "jane.doe@example.com");
        return c;
    }

    private String sign(Map<String, Object> claims) throws Exception {
        var jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(alg);
        jws.setHeader("typ", "JWT");
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }
}
