package org.bearerguard.internal.keys;

import java.security.Key;
import org.bearerguard.internal.crypto.KeyFamily;
import org.bearerguard.internal.crypto.Signatures;
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
 * <p>Only public signing keys are kept: {@code use} absent or {@code sig}, RSA of 2048 to 8192 bits with a public
 * exponent below 2^32, EC on exactly the NIST curves P-256, P-384 and P-521 (all domain parameters compared, so not
 * secp256k1), OKP (EdDSA); and of those only the first {@link #MAX_KEYS} entries of the set. Symmetric ({@code oct}) keys from a JWKS are never used (RFC 8725 §3.1: no key confusion).
 */
public final class KeySnapshot {

    static final int MIN_RSA_BITS = 2048;
    /** Longest RSA modulus kept: a check costs about the square of its length, so more only makes requests dearer. */
    static final int MAX_RSA_BITS = 8192;
    /**
     * Longest RSA public exponent kept, in bits: at most 2^32 - 1. Real keys use 65537; a check costs one modular
     * multiplication per bit of the exponent, and the JDK lets keys up to 3072 bits have exponents as long as themselves.
     */
    static final int MAX_RSA_EXPONENT_BITS = 32;
    /** Entries of a JWKS's {@code keys} array that are read; the rest are ignored unread. Issuers publish a few. */
    public static final int MAX_KEYS = 64;
    /**
     * Keys one token's signature is tried against at most, in the key set's order: a token without {@code kid} (RFC
     * 7515 §4.1.4 makes it optional), or a {@code kid} several keys share, otherwise costs one check per such key.
     */
    public static final int MAX_CANDIDATES = 4;
    /** Ignored keys named in {@link #ignored()} (and so in log lines and messages); the rest are counted. */
    static final int MAX_REPORTED = 10;
    /** Characters of a {@code kid} shown in a reason: the issuer chose that text. */
    static final int MAX_KID_CHARS = 64;

    private static final String RSA = "RSA";
    private static final String EDDSA = "EdDSA";

    private final List<Entry> all;
    private final List<String> ignored;
    private final int ignoredCount;
    private final Map<String, List<Entry>> byKid;
    private final String jwks;
    private final String etag;
    private final Instant fetchedAt;
    private final Instant expiresAt;
    /** Its place in the cluster's order of key sets (the region's generation); 0 before any was known. */
    private final long generation;

    private KeySnapshot(List<Entry> all, List<String> ignored, int ignoredCount, String jwks, String etag,
                        Instant fetchedAt, Instant expiresAt) {
        this(all, ignored, ignoredCount, jwks, etag, fetchedAt, expiresAt, 0);
    }

    private KeySnapshot(List<Entry> all, List<String> ignored, int ignoredCount, String jwks, String etag,
                        Instant fetchedAt, Instant expiresAt, long generation) {
        this.all = List.copyOf(all);
        this.ignored = List.copyOf(ignored);
        this.ignoredCount = ignoredCount;
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
        this.generation = generation;
    }

    /** The same keys, confirmed unchanged by the issuer (HTTP 304) at {@code fetchedAt}. */
    public KeySnapshot renewed(Instant fetchedAt, Instant expiresAt) {
        return new KeySnapshot(all, ignored, ignoredCount, jwks, etag, fetchedAt, expiresAt, generation);
    }

    /** The same keys at this place in the cluster's order. */
    public KeySnapshot withGeneration(long newGeneration) {
        return new KeySnapshot(all, ignored, ignoredCount, jwks, etag, fetchedAt, expiresAt, newGeneration);
    }

    public long generation() {
        return generation;
    }

    /**
     * Parses a JWKS document.
     *
     * @throws InvalidKeySetException not JSON, no {@code keys} array, or no usable signing key in it
     */
    public static KeySnapshot parse(String jwks, String etag, Instant fetchedAt, Instant expiresAt)
            throws InvalidKeySetException {
        return parse(jwks, etag, fetchedAt, expiresAt, Signatures.JDK);
    }

    /**
     * Parses a JWKS document, each key made for the provider that will check its signatures (once, here: never per
     * request).
     *
     * @throws InvalidKeySetException not JSON, no {@code keys} array, or no usable signing key in it
     */
    public static KeySnapshot parse(String jwks, String etag, Instant fetchedAt, Instant expiresAt,
                                    Signatures signatures) throws InvalidKeySetException {
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
        int ignoredCount = 0;
        int read = 0;
        for (var element : keys) {
            String why;
            if (read++ >= MAX_KEYS) {
                why = "beyond the first " + MAX_KEYS + " keys";
            } else {
                why = element instanceof Map<?, ?> map ? toEntry(map, entries, signatures) : "not a JSON object";
            }
            if (why != null && ignoredCount++ < MAX_REPORTED) {
                ignored.add("kid " + printableKid(element) + ": " + why);
            }
        }
        if (ignoredCount > ignored.size()) {
            ignored.add("and " + (ignoredCount - ignored.size()) + " more");
        }
        if (entries.isEmpty()) {
            throw new InvalidKeySetException("the JWKS holds no usable public signing key"
                    + (ignored.isEmpty() ? "" : " (" + String.join("; ", ignored) + ")"));
        }
        return new KeySnapshot(entries, ignored, ignoredCount, jwks, etag, fetchedAt, expiresAt);
    }

    /**
     * The element's {@code kid} as safe log text: printable ASCII only (no CR/LF to forge log lines, no terminal
     * controls), others shown as '?', at most {@link #MAX_KID_CHARS} characters.
     */
    private static String printableKid(Object element) {
        if (!(element instanceof Map<?, ?> map) || !(map.get("kid") instanceof String kid)) {
            return "(none)";
        }
        int shown = Math.min(kid.length(), MAX_KID_CHARS);
        var text = new StringBuilder(shown + 3);
        for (int i = 0; i < shown; i++) {
            char c = kid.charAt(i);
            text.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return kid.length() > shown ? text.append("...").toString() : text.toString();
    }

    /** Adds the key if it can verify signatures; else says why not (safe to log: no key material). */
    @SuppressWarnings("unchecked")
    private static String toEntry(Map<?, ?> map, List<Entry> entries, Signatures signatures) {
        var use = map.get("use");
        if (use != null && !"sig".equals(use)) {
            return "use is not sig";
        }
        // RFC 7517 §4.3: with key_ops, the key may only be used for what they list
        var ops = map.get("key_ops");
        if (ops != null && !(ops instanceof List<?> list && list.contains("verify"))) {
            return "key_ops does not include verify";
        }
        try {
            var jwk = JsonWebKey.Factory.newJwk((Map<String, Object>) map);
            if (!(jwk instanceof PublicJsonWebKey publicJwk)) {
                return "not a public key (kty " + jwk.getKeyType() + ")";
            }
            var key = publicJwk.getPublicKey();
            String family;
            if (key instanceof RSAPublicKey rsa) {
                int bits = rsa.getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    return "RSA key under " + MIN_RSA_BITS + " bits";
                }
                if (bits > MAX_RSA_BITS) {
                    return "RSA key over " + MAX_RSA_BITS + " bits";
                }
                if (rsa.getPublicExponent().bitLength() > MAX_RSA_EXPONENT_BITS) {
                    return "RSA public exponent above 2^" + MAX_RSA_EXPONENT_BITS + "-1";
                }
                family = RSA;
            } else if (key instanceof ECPublicKey ec) {
                family = NistCurves.algorithmFor(ec.getParams());
                if (family == null) {
                    return "EC key on a curve other than P-256, P-384 or P-521";
                }
                if (!NistCurves.onCurve(ec)) {
                    return "EC point not on its curve";
                }
            } else if (key instanceof EdECPublicKey) {
                family = EDDSA;
            } else {
                return "not a signing key (" + key.getAlgorithm() + ")";
            }
            var kid = map.get("kid") instanceof String s ? s : null;
            var alg = map.get("alg") instanceof String s ? s : null;
            var keyFamily = family.equals(RSA) ? KeyFamily.RSA : KeyFamily.forAlgorithm(family);
            var usable = signatures.translate(key, keyFamily);
            if (usable == null) {
                return "not a key " + signatures.providerName(keyFamily) + " can check signatures with";
            }
            entries.add(new Entry(kid, alg, usable, family));
            return null;
        } catch (JoseException | RuntimeException e) {
            return "not a valid JWK";
        }
    }

    /**
     * Why entries of the document were left out, one line each: at most {@link #MAX_REPORTED}, then one
     * {@code "and N more"}; printable ASCII of bounded length, never key material. Safe to log.
     */
    public List<String> ignored() {
        return ignored;
    }

    /** How many entries of the document were left out ({@link #ignored()} names only the first few). */
    public int ignoredCount() {
        return ignoredCount;
    }

    /**
     * The keys that may have signed a token with this {@code kid} and {@code alg}: matching {@code kid} (or every key,
     * when the token names none), a key type that fits the algorithm, and the key's own {@code alg} if it has one;
     * at most {@link #MAX_CANDIDATES}, in the key set's order.
     */
    public List<Key> select(String kid, String alg) {
        var candidates = kid == null ? all : byKid.getOrDefault(kid, List.of());
        var keys = new ArrayList<Key>(Math.min(candidates.size(), MAX_CANDIDATES));
        for (var e : candidates) {
            if ((e.alg() == null || e.alg().equals(alg)) && e.fits(alg)) {
                keys.add(e.key());
                if (keys.size() == MAX_CANDIDATES) {
                    break;
                }
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
        int offered = 0;
        for (var e : candidates) {
            if ((e.alg() == null || e.alg().equals(alg)) && e.fits(alg)) {
                if (e.key() == key || e.key().equals(key)) {
                    return true;
                }
                if (++offered == MAX_CANDIDATES) {
                    return false;
                }
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
