package org.bearerguard.internal.dpop;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import org.bearerguard.internal.crypto.KeyFamily;
import org.bearerguard.internal.crypto.Signatures;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bearerguard.internal.keys.NistCurves;
import org.bearerguard.internal.extract.Base64Url;

/**
 * The public key of a proof's {@code jwk} header (RFC 9449 §4.2; §4.3 items 5 to 7), with its RFC 7638 thumbprint.
 * Built by hand from the members, with the JDK's key factories, so that nothing else than the checks below decides:
 *
 * <ul>
 *   <li>no private member of any key type ({@code d}, {@code p}, {@code q}, {@code dp}, {@code dq}, {@code qi},
 *       {@code oth}, {@code k}): a client that sends its private key has none left to prove possession of;</li>
 *   <li>a type that fits {@code alg}: RSA for RS* and PS*, EC on the curve of an ES* algorithm, OKP Ed25519 or
 *       Ed448 for EdDSA; {@code use}, {@code key_ops} and {@code alg}, if present, allow this signature;</li>
 *   <li>the key-strength checks we apply to JWKS keys ({@code keys.KeySnapshot}): RSA of 2048 to 8192 bits with a
 *       public exponent below 2^32 (and odd, at least 3), EC points on their curve ({@link NistCurves});</li>
 *   <li>every number in its one canonical spelling (RFC 7518 §6.3.1.1: {@code n} and {@code e} in the fewest
 *       octets; §6.2.1.2: {@code x}, {@code y} in exactly the curve's length; RFC 8037 §2: {@code x} in the key's
 *       length), so that one key has one thumbprint.</li>
 * </ul>
 *
 * @param key        the public key
 * @param thumbprint its RFC 7638 SHA-256 thumbprint, base64url
 */
record ProofKey(PublicKey key, String thumbprint) {

    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 8192;
    static final int MAX_RSA_EXPONENT_BITS = 32;

    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    /** DER SubjectPublicKeyInfo before the raw key (RFC 8410 §4): AlgorithmIdentifier 1.3.101.112 or .113. */
    private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] ED448_PREFIX = HexFormat.of().parseHex("3043300506032b6571033a00");

    /** The key of the {@code jwk} header value for a proof signed with {@code alg} (one of the supported ones). */
    static ProofKey from(Object jwkValue, String alg) throws ProofException {
        return from(jwkValue, alg, Signatures.JDK);
    }

    /** The same, the key made by the provider that checks {@code alg} ({@code bearer.signature-provider}). */
    static ProofKey from(Object jwkValue, String alg, Signatures signatures) throws ProofException {
        return from(jwkValue, alg, signatures, Optional.empty());
    }

    /**
     * The same for a proof that must be by the key of this thumbprint: its members are read and checked, then the
     * thumbprint decides, and only a key that matches is built (a provider may spend long on a new key, and the
     * caller chose this one).
     */
    static ProofKey from(Object jwkValue, String alg, Signatures signatures, Optional<String> boundTo)
            throws ProofException {
        if (jwkValue == null) {
            throw new ProofException(DpopReason.MISSING_KEY);
        }
        if (!(jwkValue instanceof Map<?, ?> raw)) {
            throw new ProofException(DpopReason.KEY_NOT_ACCEPTED);
        }
        @SuppressWarnings("unchecked")
        var jwk = (Map<String, Object>) raw;
        for (var member : PRIVATE_MEMBERS) {
            if (jwk.containsKey(member)) {
                throw new ProofException(DpopReason.PRIVATE_KEY);
            }
        }
        if (!allowsSigning(jwk, alg)) {
            throw notAccepted();
        }
        var kty = jwk.get("kty");
        Spec spec;
        if ("RSA".equals(kty) && (alg.startsWith("RS") || alg.startsWith("PS"))) {
            spec = rsa(jwk);
        } else if ("EC".equals(kty) && alg.startsWith("ES")) {
            spec = ec(jwk, alg);
        } else if ("OKP".equals(kty) && alg.equals("EdDSA")) {
            spec = okp(jwk);
        } else {
            throw notAccepted();
        }
        var thumbprint = JwkThumbprint.of(jwk); // the members were all read as canonical strings above
        if (boundTo.isPresent() && !boundTo.get().equals(thumbprint)) {
            throw new ProofException(DpopReason.KEY_MISMATCH); // thumbprints are public: no need for constant time
        }
        var key = generate(signatures, spec);
        if (spec.family() != KeyFamily.RSA && spec.family() != KeyFamily.EDDSA
                && !(key instanceof ECPublicKey ec && NistCurves.onCurve(ec))) {
            throw notAccepted(); // invalid-curve points: nobody's key
        }
        return new ProofKey(key, thumbprint);
    }

    /** A checked key's parameters, not yet made into a key. */
    private record Spec(KeyFamily family, KeySpec spec) {
    }

    /** RFC 7517 §4.2-4.4: a key's own {@code use}, {@code key_ops} and {@code alg} limit what it may sign. */
    private static boolean allowsSigning(Map<String, Object> jwk, String alg) {
        var use = jwk.get("use");
        var ops = jwk.get("key_ops");
        var keyAlg = jwk.get("alg");
        boolean verifies = ops == null || ops instanceof List<?> list && list.contains("verify");
        return (use == null || "sig".equals(use)) && verifies && (keyAlg == null || alg.equals(keyAlg));
    }

    private static Spec rsa(Map<String, Object> jwk) throws ProofException {
        var n = unsigned(jwk.get("n"));
        var e = unsigned(jwk.get("e"));
        int bits = n.bitLength();
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS || e.bitLength() > MAX_RSA_EXPONENT_BITS
                || e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
            throw notAccepted();
        }
        return new Spec(KeyFamily.RSA, new RSAPublicKeySpec(n, e));
    }

    private static Spec ec(Map<String, Object> jwk, String alg) throws ProofException {
        var curve = NistCurves.forAlgorithm(alg);
        if (curve == null || !curveName(alg).equals(jwk.get("crv"))) {
            throw notAccepted();
        }
        int length = (curve.getCurve().getField().getFieldSize() + 7) / 8;
        var x = fixed(jwk.get("x"), length);
        var y = fixed(jwk.get("y"), length);
        var point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        return new Spec(KeyFamily.forAlgorithm(alg), new ECPublicKeySpec(point, curve));
    }

    private static Spec okp(Map<String, Object> jwk) throws ProofException {
        var crv = jwk.get("crv");
        byte[] prefix;
        int length;
        if ("Ed25519".equals(crv)) {
            prefix = ED25519_PREFIX;
            length = 32;
        } else if ("Ed448".equals(crv)) {
            prefix = ED448_PREFIX;
            length = 57;
        } else {
            throw notAccepted(); // X25519 and X448 are for key agreement, not signatures
        }
        var x = fixed(jwk.get("x"), length);
        var der = new byte[prefix.length + length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(x, 0, der, prefix.length, length);
        return new Spec(KeyFamily.EDDSA, new X509EncodedKeySpec(der));
    }

    private static String curveName(String alg) {
        return switch (alg) {
            case "ES256" -> "P-256";
            case "ES384" -> "P-384";
            default -> "P-521";
        };
    }

    /** A Base64urlUInt (RFC 7518 §2): canonical base64url of at least one octet, the first never zero. */
    private static BigInteger unsigned(Object member) throws ProofException {
        var bytes = decode(member);
        if (bytes.length == 0 || bytes[0] == 0) {
            throw notAccepted();
        }
        return new BigInteger(1, bytes);
    }

    private static byte[] fixed(Object member, int length) throws ProofException {
        var bytes = decode(member);
        if (bytes.length != length) {
            throw notAccepted();
        }
        return bytes;
    }

    private static byte[] decode(Object member) throws ProofException {
        var bytes = member instanceof String s ? Base64Url.decode(s, 0, s.length()) : null;
        if (bytes == null) {
            throw notAccepted();
        }
        return bytes;
    }

    private static PublicKey generate(Signatures signatures, Spec spec) throws ProofException {
        try {
            return signatures.generate(spec.family(), spec.spec());
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            throw notAccepted();
        }
    }

    private static ProofException notAccepted() {
        return new ProofException(DpopReason.KEY_NOT_ACCEPTED);
    }
}
