package org.bearerguard.testing;

import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A fluent builder of signed test tokens: valid by default (issuer, audience, subject, an expiry five minutes ahead),
 * each method changes one thing. Claims and headers may be set to any JSON value, however wrong.
 */
public final class TestTokens {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private Key signingKey;
    private boolean unsigned;

    private TestTokens(PublicJsonWebKey key, String alg) {
        signingKey = key.getPrivateKey();
        header.put("alg", alg);
        header.put("typ", "JWT");
        header.put("kid", key.getKeyId());
        var now = Instant.now().getEpochSecond();
        claims.put("iss", "https://issuer.example");
        claims.put("sub", "user-1");
        claims.put("preferred_username", "alice");
        claims.put("aud", "api");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("scope", "openid orders:read");
        claims.put("realm_access", Map.of("roles", java.util.List.of("user")));
    }

    /** RS256 with {@link TestKeys#RSA}. */
    public static TestTokens rs256() {
        return new TestTokens(TestKeys.RSA, "RS256");
    }

    public static TestTokens signedBy(PublicJsonWebKey key, String alg) {
        return new TestTokens(key, alg);
    }

    public TestTokens issuer(String iss) {
        return claim("iss", iss);
    }

    public TestTokens audience(Object aud) {
        return claim("aud", aud);
    }

    public TestTokens scope(String scope) {
        return claim("scope", scope);
    }

    public TestTokens roles(String... roles) {
        return claim("realm_access", Map.of("roles", java.util.List.of(roles)));
    }

    public TestTokens expiresIn(Duration d) {
        return claim("exp", Instant.now().plus(d).getEpochSecond());
    }

    public TestTokens expired() {
        return expiresIn(Duration.ofMinutes(-10));
    }

    public TestTokens notBefore(Instant nbf) {
        return claim("nbf", nbf.getEpochSecond());
    }

    public TestTokens claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    public TestTokens without(String claim) {
        claims.remove(claim);
        return this;
    }

    public TestTokens header(String name, Object value) {
        if (value == null) {
            header.remove(name);
        } else {
            header.put(name, value);
        }
        return this;
    }

    public TestTokens kid(String kid) {
        return header("kid", kid);
    }

    public TestTokens noKid() {
        return header("kid", null);
    }

    /** Signs with another key (private key or HMAC secret) while keeping the header as it is. */
    public TestTokens signingKey(Key key) {
        this.signingKey = key;
        return this;
    }

    /** {@code alg: none} with an empty signature. */
    public TestTokens unsigned(String noneSpelling) {
        header.put("alg", noneSpelling);
        unsigned = true;
        return this;
    }

    public String build() {
        try {
            var jws = new JsonWebSignature();
            jws.getHeaders().setFullHeaderAsJsonString(JsonUtil.toJson(header));
            jws.setPayload(JsonUtil.toJson(claims));
            if (unsigned) {
                jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
                return jws.getHeaders().getEncodedHeader() + "." + jws.getEncodedPayload() + ".";
            }
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setDoKeyValidation(false);
            jws.setKey(signingKey);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
