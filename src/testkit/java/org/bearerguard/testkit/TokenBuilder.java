package org.bearerguard.testkit;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;

/**
 * An access token, valid by default for the issuer it comes from (RFC 9068: {@code typ: at+jwt}, {@code iss},
 * {@code sub}, {@code aud}, {@code client_id}, {@code iat}, {@code jti}, an {@code exp} five minutes ahead, signed
 * with the issuer's current key and its {@code kid}); each method changes one thing. Claims and header parameters
 * may be set to any JSON value, however wrong, to test refusals. Not thread-safe; {@link #build()} may be called
 * again after a change.
 */
public final class TokenBuilder {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private Key signingKey;
    private String signingAlgorithm;
    private boolean unsigned;

    TokenBuilder(SigningKey key, String issuer, String audience) {
        signingKey = key.privateKey();
        signingAlgorithm = key.algorithm();
        header.put("alg", key.algorithm());
        header.put("typ", "at+jwt");
        header.put("kid", key.kid());
        var now = Instant.now().getEpochSecond();
        claims.put("iss", issuer);
        claims.put("sub", "user-1");
        if (audience != null) {
            claims.put("aud", audience);
        }
        claims.put("client_id", "test-client");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("jti", UUID.randomUUID().toString());
    }

    /** A token of {@code issuer} for {@code audience} (null: no {@code aud}), signed with {@code key}. */
    public static TokenBuilder of(String issuer, String audience, SigningKey key) {
        return new TokenBuilder(key, issuer, audience);
    }

    public TokenBuilder subject(String sub) {
        return claim("sub", sub);
    }

    /** {@code preferred_username}, the principal's name by default. */
    public TokenBuilder username(String name) {
        return claim("preferred_username", name);
    }

    /** The {@code scope} claim, space-separated (RFC 9068 §2.2.3); none given: no {@code scope} claim. */
    public TokenBuilder scopes(String... scopes) {
        return claim("scope", scopes.length == 0 ? null : String.join(" ", scopes));
    }

    /** The {@code groups} claim (RFC 9068 §7.2.1), where bearer-guard finds roles by default. */
    public TokenBuilder roles(String... roles) {
        return claim("groups", List.of(roles));
    }

    /** One audience as a string, several as an array; none: no {@code aud}. */
    public TokenBuilder audience(String... audiences) {
        return claim("aud", audiences.length == 0 ? null : audiences.length == 1 ? audiences[0] : List.of(audiences));
    }

    public TokenBuilder clientId(String clientId) {
        return claim("client_id", clientId);
    }

    public TokenBuilder expiresAt(Instant exp) {
        return claim("exp", exp.getEpochSecond());
    }

    /** {@code exp} this long from now (negative: in the past). */
    public TokenBuilder expiresIn(Duration lifetime) {
        return expiresAt(Instant.now().plus(lifetime));
    }

    /** Issued fifteen minutes ago, expired ten minutes ago: well past any clock skew, and nothing else wrong. */
    public TokenBuilder expired() {
        issuedAt(Instant.now().minus(Duration.ofMinutes(15)));
        return expiresIn(Duration.ofMinutes(-10));
    }

    public TokenBuilder issuedAt(Instant iat) {
        return claim("iat", iat.getEpochSecond());
    }

    public TokenBuilder notBefore(Instant nbf) {
        return claim("nbf", nbf.getEpochSecond());
    }

    /**
     * Signed under this algorithm, named in the header: with the issuer's RSA key, RS* and PS* work; an algorithm the
     * key cannot make fails at {@link #build()}.
     */
    public TokenBuilder algorithm(String alg) {
        signingAlgorithm = alg;
        return header("alg", alg);
    }

    /** Signed with this key and its algorithm, the header's {@code kid} unchanged: a forged token, if it is unpublished. */
    public TokenBuilder signedWith(SigningKey other) {
        signingKey = other.privateKey();
        signingAlgorithm = other.algorithm();
        return header("alg", other.algorithm());
    }

    /** HMAC ({@code HS256}, or the algorithm set after this) with a shared secret, no {@code kid}. */
    public TokenBuilder sharedSecret(byte[] secret) {
        signingKey = new SecretKeySpec(secret, "HmacSHA256");
        header.remove("kid");
        return algorithm("HS256");
    }

    /** Signed with this key, whatever the header says: for tokens no honest issuer makes. */
    public TokenBuilder signingKey(Key key) {
        signingKey = key;
        return this;
    }

    /**
     * Signed with this key (a private key, or a secret key for HS*) under this algorithm, whatever the header says:
     * an RSA public key's bytes as an HMAC secret, say.
     */
    public TokenBuilder signingKey(Key key, String algorithm) {
        signingKey = key;
        signingAlgorithm = algorithm;
        return this;
    }

    /** {@code alg: none} and no signature: a token that is always refused. */
    public TokenBuilder unsigned() {
        return unsigned("none");
    }

    /** {@code alg} spelt as given ({@code None}, {@code NONE}, …) and no signature. */
    public TokenBuilder unsigned(String noneSpelling) {
        unsigned = true;
        return header("alg", noneSpelling);
    }

    public TokenBuilder kid(String kid) {
        return header("kid", kid);
    }

    /** The header's {@code typ} ({@code at+jwt} by default; {@code JWT} as many issuers send). */
    public TokenBuilder type(String typ) {
        return header("typ", typ);
    }

    /** Bound to this DPoP key (RFC 9449 §6: {@code cnf.jkt}): accepted only with a proof that key signed. */
    public TokenBuilder boundTo(SigningKey dpopKey) {
        return claim("cnf", Map.of("jkt", dpopKey.thumbprint()));
    }

    /** Bound to this client certificate (RFC 8705 §3.1: {@code cnf.x5t#S256}). */
    public TokenBuilder boundTo(X509Certificate certificate) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return claim("cnf", Map.of("x5t#S256", Jws.b64(digest)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a claim to any JSON value (a String, Number, Boolean, List or Map); null removes it. */
    public TokenBuilder claim(String name, Object value) {
        claims.compute(name, (k, old) -> value); // null: removed
        return this;
    }

    public TokenBuilder without(String claim) {
        return claim(claim, null);
    }

    /** Sets a header parameter (null removes it); the signature is made as before. */
    public TokenBuilder header(String name, Object value) {
        header.compute(name, (k, old) -> value);
        return this;
    }

    /** The compact JWS. */
    public String build() {
        var headerJson = JsonUtil.toJson(header);
        var payloadJson = JsonUtil.toJson(claims);
        return unsigned ? Jws.unsigned(headerJson, payloadJson)
                : Jws.sign(headerJson, payloadJson, signingKey, signingAlgorithm);
    }

    /** {@code Bearer <token>}: an {@code Authorization} header's value. */
    public String asHeader() {
        return "Bearer " + build();
    }
}
