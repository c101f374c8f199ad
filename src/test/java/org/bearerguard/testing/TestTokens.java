package org.bearerguard.testing;

import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TokenBuilder;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * The unit tests' tokens: the test kit's {@link TokenBuilder} with the shape of a Keycloak token as these tests
 * expect it (issuer {@code https://issuer.example}, {@code typ: JWT}, {@code preferred_username alice}, scope
 * {@code openid orders:read}, role {@code user} in {@code realm_access.roles}, no {@code jti} or {@code client_id});
 * each method changes one thing. Claims and headers may be set to any JSON value, however wrong.
 */
public final class TestTokens {

    private final TokenBuilder token;
    /** As jose4j signed these tests' tokens: with the current key, under the header's {@code alg}. */
    private Key key;
    private String alg;

    private TestTokens(PublicJsonWebKey key, String alg) {
        this.key = key.getPrivateKey();
        this.alg = alg;
        token = TokenBuilder.of("https://issuer.example", "api", SigningKey.of(key, key.getKeyId(), alg))
                .type("JWT").without("client_id").without("jti").username("alice")
                .claim("scope", "openid orders:read").claim("realm_access", Map.of("roles", List.of("user")));
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
        return claim("realm_access", Map.of("roles", List.of(roles)));
    }

    public TestTokens expiresIn(Duration d) {
        token.expiresIn(d);
        return this;
    }

    public TestTokens expired() {
        token.expired();
        return this;
    }

    public TestTokens notBefore(Instant nbf) {
        token.notBefore(nbf);
        return this;
    }

    public TestTokens claim(String name, Object value) {
        token.claim(name, value);
        return this;
    }

    public TestTokens without(String claim) {
        token.without(claim);
        return this;
    }

    public TestTokens header(String name, Object value) {
        if (name.equals("alg") && value instanceof String named) {
            alg = named;
        }
        token.header(name, value);
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
        this.key = key;
        return this;
    }

    /** {@code alg: none} with an empty signature. */
    public TestTokens unsigned(String noneSpelling) {
        token.unsigned(noneSpelling);
        return this;
    }

    public String build() {
        return token.signingKey(key, alg).build();
    }
}
