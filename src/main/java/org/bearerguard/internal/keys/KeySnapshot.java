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
 * <p>Only public signing keys are kept: {@code use} absent or {@code sig}, RSA of at least 2048 bits, EC on exactly the
 * NIST curves P-256, P-384 and P-521 (all domain parameters compared, so not secp256k1), OKP (EdDSA). Symmetric ({@code oct}) keys from a JWKS are never used (RFC 8725 §3.1: no key confusion).
 */
public final class KeySnapshot {

    static final int MIN_RSA_BITS = 2048;

    private static final String RSA = "RSA";
    private static final String EDDSA = "EdDSA";

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
            String family;
            if (key instanceof RSAPublicKey rsa) {
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    return "RSA key under " + MIN_RSA_BITS + " bits";
                }
                family = RSA;
            } else if (key instanceof ECPublicKey ec) {
                family = NistCurves.algorithmFor(ec.getParams());
                if (family == null) {
                    return "EC key on a curve other than P-256, P-384 or P-521";
                }
            } else if (key instanceof EdECPublicKey) {
                family = EDDSA;
            } else {
                return "not a signing key (" + key.getAlgorithm() + ")";
            }
            var kid = map.get("kid") instanceof String s ? s : null;
            var alg = map.get("alg") instanceof String s ? s : null;
            entries.add(new Entry(kid, alg, key, family));
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
            if ((e.alg() == null || e.alg().equals(alg)) && e.fits(alg)) {
                keys.add(e.key());
            }
        }
        return keys;
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

    /**
     * A kept key. {@code family}: {@link #RSA}, {@link #EDDSA}, or for EC keys the one algorithm of their curve
     * (judged once, here, by all the curve's parameters: {@link NistCurves}).
     */
    private record Entry(String kid, String alg, Key key, String family) {

        /** RFC 7518 §3.1 / RFC 8037: whether this key's type (and curve) is the one the algorithm is defined for. */
        boolean fits(String jwsAlg) {
            return switch (family) {
                case RSA -> jwsAlg.startsWith("RS") || jwsAlg.startsWith("PS");
                case EDDSA -> jwsAlg.equals("EdDSA");
                default -> family.equals(jwsAlg); // ES256, ES384, ES512
            };
        }
    }
}
