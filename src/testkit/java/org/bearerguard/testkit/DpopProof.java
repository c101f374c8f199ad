package org.bearerguard.testkit;

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
        return claim("ath", TokenBuilder.ath(token));
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
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** Sets a header parameter (null removes it); the signature is made with the key's algorithm as before. */
    public DpopProof header(String name, Object value) {
        if (value == null) {
            header.remove(name);
        } else {
            header.put(name, value);
        }
        return this;
    }

    /** The compact JWS: the {@code DPoP} header's value. */
    public String build() {
        return Jws.sign(JsonUtil.toJson(header), JsonUtil.toJson(claims), key.privateKey(), key.algorithm());
    }
}
