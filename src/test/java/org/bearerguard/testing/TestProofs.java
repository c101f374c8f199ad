package org.bearerguard.testing;

import java.security.Key;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.bearerguard.testkit.DpopProof;
import org.bearerguard.testkit.Jws;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EdDsaKeyUtil;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * A fluent builder of DPoP proofs (RFC 9449 §4.2): valid by default for the request it is made for (ES256 with
 * {@link TestKeys#EC}, its public JWK in the header, a fresh {@code jti}, {@code iat} now), each method changes one
 * thing. Signed by the test kit's {@link Jws}, so that header and payload can be any text, duplicate members included.
 */
public final class TestProofs {

    /** A P-256 key that is never any proof's {@code jwk}: signs proofs that must fail. */
    public static final PublicJsonWebKey EC_OTHER = generate(() -> EcJwkGenerator.generateJwk(EllipticCurves.P256));
    public static final PublicJsonWebKey EC_P384 = generate(() -> EcJwkGenerator.generateJwk(EllipticCurves.P384));
    public static final PublicJsonWebKey ED448 = generate(() -> OkpJwkGenerator.generateJwk(EdDsaKeyUtil.ED448));

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private Key signingKey;
    /** The algorithm the signature is made with, whatever the header's {@code alg} says. */
    private String signingAlg;
    private String rawHeader;
    private String rawPayload;
    private boolean unsigned;

    private TestProofs(String method, String uri) {
        header.put("typ", "dpop+jwt");
        signedBy(TestKeys.EC, "ES256");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("htm", method);
        claims.put("htu", uri);
        claims.put("iat", Instant.now().getEpochSecond());
    }

    public static TestProofs forRequest(String method, String uri) {
        return new TestProofs(method, uri);
    }

    /** base64url(SHA-256(ASCII token)): the {@code ath} of a proof for this access token. */
    public static String ath(String accessToken) {
        return DpopProof.ath(accessToken);
    }

    /** Signs with this key pair under {@code alg}, its public JWK in the header. */
    public TestProofs signedBy(PublicJsonWebKey key, String alg) {
        header.put("alg", alg);
        header.put("jwk", key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        signingKey = key.getPrivateKey();
        signingAlg = alg;
        return this;
    }

    /** Signs with another private key (or an HMAC secret) while the header stays as it is. */
    public TestProofs signingKey(Key key) {
        signingKey = key;
        return this;
    }

    /** {@code alg: HS256}, MACed with this secret; the header keeps its {@code jwk}. */
    public TestProofs hmac(byte[] secret) {
        header.put("alg", "HS256");
        signingKey = new SecretKeySpec(secret, "HmacSHA256");
        signingAlg = "HS256";
        return this;
    }

    /** {@code alg: none} with an empty signature. */
    public TestProofs unsigned() {
        header.put("alg", "none");
        unsigned = true;
        return this;
    }

    public TestProofs jwk(Map<String, Object> jwk) {
        return header("jwk", jwk);
    }

    /** The header's {@code jwk} with one member set (or removed, for null). */
    public TestProofs jwkMember(String name, Object value) {
        @SuppressWarnings("unchecked")
        var jwk = new LinkedHashMap<>((Map<String, Object>) header.get("jwk"));
        if (value == null) {
            jwk.remove(name);
        } else {
            jwk.put(name, value);
        }
        return jwk(jwk);
    }

    /** Sets a header parameter (removes it, for null); the signature is still made as before, {@code alg} too. */
    public TestProofs header(String name, Object value) {
        header.compute(name, (k, old) -> value); // null: removed
        return this;
    }

    public TestProofs claim(String name, Object value) {
        claims.compute(name, (k, old) -> value);
        return this;
    }

    public TestProofs without(String claim) {
        return claim(claim, null);
    }

    public TestProofs issuedAt(Instant iat) {
        return claim("iat", iat.getEpochSecond());
    }

    public TestProofs accessToken(String token) {
        return claim("ath", ath(token));
    }

    public TestProofs nonce(String nonce) {
        return claim("nonce", nonce);
    }

    /** Header text used as it is, instead of the header built so far (still signed as the builder's key says). */
    public TestProofs rawHeader(String json) {
        rawHeader = json;
        return this;
    }

    /** Payload text used as it is, instead of the claims. */
    public TestProofs rawPayload(String json) {
        rawPayload = json;
        return this;
    }

    public String build() {
        var headerJson = rawHeader != null ? rawHeader : JsonUtil.toJson(header);
        var payloadJson = rawPayload != null ? rawPayload : JsonUtil.toJson(claims);
        return unsigned ? Jws.unsigned(headerJson, payloadJson)
                : Jws.sign(headerJson, payloadJson, signingKey, signingAlg);
    }

    private interface KeyMaker {
        PublicJsonWebKey make() throws JoseException;
    }

    private static PublicJsonWebKey generate(KeyMaker maker) {
        try {
            return maker.make();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
