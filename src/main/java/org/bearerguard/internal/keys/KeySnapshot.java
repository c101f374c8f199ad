package org.bearerguard.internal.keys;

import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * An issuer's signing keys, parsed once per key set and never changed: requests only read it.
 *
 * <p>Only public signing keys are kept: {@code use} absent or {@code sig}, RSA of at least 2048 bits, EC on the NIST
 * curves, OKP (EdDSA). Symmetric ({@code oct}) keys from a JWKS are never used (RFC 8725 §3.1: no key confusion).
 */
public final class KeySnapshot {

    static final int MIN_RSA_BITS = 2048;

    private final List<Entry> all;
    private final List<String> ignored;
    private final Map<String, List<Entry>> byKid;
    private final String jwks;
    private final String etag;
    private final Instant fetchedAt;
    private final Instant expiresAt;

    private KeySnapshot(List<Entry> all, List<String> ignored, String jwks, String etag, Instant fetchedAt,
                        Instant expiresAt) {
        this.all = List.copyOf(all);
        this.ignored = List.copyOf(ignored);
        var index = new HashMap<String, List<Entry>>();
        for (var e : all) {
            if (e.kid() != null) {
                index.computeIfAbsent(e.kid(), k -> new ArrayList<>()).add(e);
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byKid = Map.copyOf(index);
        this.jwks = jwks;
        this.etag = etag;
        this.fetchedAt = fetchedAt;
        this.expiresAt = expiresAt;
    }

    /** The same keys, confirmed unchanged by the issuer (HTTP 304) at {@code fetchedAt}. */
    public KeySnapshot renewed(Instant fetchedAt, Instant expiresAt) {
        return new KeySnapshot(all, ignored, jwks, etag, fetchedAt, expiresAt);
    }

    /**
     * Parses a JWKS document.
     *
     * @throws InvalidKeySetException not JSON, no {@code keys} array, or no usable signing key in it
     */
    public static KeySnapshot parse(String jwks, String etag, Instant fetchedAt, Instant expiresAt)
            throws InvalidKeySetException {
        Map<String, Object> document;
        try {
            document = JsonUtil.parseJson(jwks);
        } catch (JoseException | RuntimeException e) {
            throw new InvalidKeySetException("the JWKS is not a JSON object");
        }
        if (!(document.get("keys") instanceof List<?> keys)) {
            throw new InvalidKeySetException("the JWKS has no \"keys\" array");
        }
        var entries = new ArrayList<Entry>();
        var ignored = new ArrayList<String>();
        for (var element : keys) {
            var why = element instanceof Map<?, ?> map ? toEntry(map, entries) : "not a JSON object";
            if (why != null) {
                var kid = element instanceof Map<?, ?> map && map.get("kid") instanceof String s ? s : "(none)";
                ignored.add("kid " + kid.substring(0, Math.min(kid.length(), 64)) + ": " + why);
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidKeySetException("the JWKS holds no usable public signing key"
                    + (ignored.isEmpty() ? "" : " (" + String.join("; ", ignored) + ")"));
        }
        return new KeySnapshot(entries, ignored, jwks, etag, fetchedAt, expiresAt);
    }

    /** Adds the key if it can verify signatures; else says why not (safe to log: no key material). */
    @SuppressWarnings("unchecked")
    private static String toEntry(Map<?, ?> map, List<Entry> entries) {
        var use = map.get("use");
        if (use != null && !"sig".equals(use)) {
            return "use is not sig";
        }
        try {
            var jwk = JsonWebKey.Factory.newJwk((Map<String, Object>) map);
            if (!(jwk instanceof PublicJsonWebKey publicJwk)) {
                return "not a public key (kty " + jwk.getKeyType() + ")";
            }
            var key = publicJwk.getPublicKey();
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                return "RSA key under " + MIN_RSA_BITS + " bits";
            }
            var kid = map.get("kid") instanceof String s ? s : null;
            var alg = map.get("alg") instanceof String s ? s : null;
            entries.add(new Entry(kid, alg, key));
            return null;
        } catch (JoseException | RuntimeException e) {
            return "not a valid JWK";
        }
    }

    /** Why keys of the document were left out, one line each (never key material). */
    public List<String> ignored() {
        return ignored;
    }

    /**
     * The keys that may have signed a token with this {@code kid} and {@code alg}: matching {@code kid} (or every key,
     * when the token names none), a key type that fits the algorithm, and the key's own {@code alg} if it has one.
     */
    public List<Key> select(String kid, String alg) {
        var candidates = kid == null ? all : byKid.getOrDefault(kid, List.of());
        var keys = new ArrayList<Key>(candidates.size());
        for (var e : candidates) {
            if ((e.alg() == null || e.alg().equals(alg)) && fits(e.key(), alg)) {
                keys.add(e.key());
            }
        }
        return keys;
    }

    /**
     * Whether this set publishes {@code key} as one that may sign a token with this {@code kid} and {@code alg}:
     * what {@link #select} would offer it for (by value: a re-fetched key set holds new objects). No allocation,
     * for the verified-token cache's hits.
     */
    public boolean publishes(String kid, String alg, Key key) {
        var candidates = kid == null ? all : byKid.getOrDefault(kid, List.of());
        for (var e : candidates) {
            if ((e.key() == key || e.key().equals(key)) && (e.alg() == null || e.alg().equals(alg))
                    && fits(e.key(), alg)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this key (by value: a re-fetched key set holds new objects) is in the set. */
    public boolean contains(Key key) {
        for (var e : all) {
            if (e.key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasKid(String kid) {
        return byKid.containsKey(kid);
    }

    public int size() {
        return all.size();
    }

    /** The JWKS document as fetched. */
    public String jwks() {
        return jwks;
    }

    /** The issuer's {@code ETag} for it, or {@code null}. */
    public String etag() {
        return etag;
    }

    public Instant fetchedAt() {
        return fetchedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isFresh(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** RFC 7518 §3.1 / RFC 8037: which key type each algorithm is defined for. */
    static boolean fits(Key key, String alg) {
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return key instanceof RSAPublicKey;
        }
        if (alg.startsWith("ES") && key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (alg) {
                case "ES256" -> bits == 256;
                case "ES384" -> bits == 384;
                case "ES512" -> bits == 521;
                default -> false;
            };
        }
        return alg.equals("EdDSA") && key instanceof EdECPublicKey;
    }

    private record Entry(String kid, String alg, Key key) {
    }
}
