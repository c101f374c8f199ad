package org.bearerguard.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;

/**
 * A DPoP proof (RFC 9449 §4.2), valid by default for one request: {@code typ: dpop+jwt}, the key's algorithm and
 * public JWK in the header, a fresh {@code jti}, {@code htm}, {@code htu} and {@code iat} now. Add
 * {@link #accessToken(String)} for a request that carries a token ({@code ath}). A proof is single-use: build a new
 * one per request.
 */
public final class DpopProof {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final SigningKey key;

    private DpopProof(SigningKey key, String method, String uri) {
        this.key = key;
        header.put("typ", "dpop+jwt");
        header.put("alg", key.algorithm());
        header.put("jwk", key.publicJwk());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("htm", method);
        claims.put("htu", uri);
        claims.put("iat", Instant.now().getEpochSecond());
    }

    /** A proof signed by {@code key} for {@code method} on {@code uri} (without query and fragment, RFC 9449 §4.2). */
    public static DpopProof of(SigningKey key, String method, String uri) {
        return new DpopProof(key, method, uri);
    }

    /** {@code ath}: the hash of the access token sent with it. */
    public DpopProof accessToken(String token) {
        return claim("ath", ath(token));
    }

    /** base64url(SHA-256(ASCII token)): the {@code ath} of a proof sent with this access token (RFC 9449 §4.2). */
    public static String ath(String token) {
        try {
            return Jws.b64(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code nonce}: the last {@code DPoP-Nonce} the server sent. */
    public DpopProof nonce(String nonce) {
        return claim("nonce", nonce);
    }

    public DpopProof issuedAt(Instant iat) {
        return claim("iat", iat.getEpochSecond());
    }

    public DpopProof jti(String jti) {
        return claim("jti", jti);
    }

    /** Sets a claim to any JSON value; null removes it. */
    public DpopProof claim(String name, Object value) {
        claims.compute(name, (k, old) -> value); // null: removed
        return this;
    }

    /** Sets a header parameter (null removes it); the signature is made with the key's algorithm as before. */
    public DpopProof header(String name, Object value) {
        header.compute(name, (k, old) -> value);
        return this;
    }

    /** The compact JWS: the {@code DPoP} header's value. */
    public String build() {
        return Jws.sign(JsonUtil.toJson(header), JsonUtil.toJson(claims), key.privateKey(), key.algorithm());
    }
}
