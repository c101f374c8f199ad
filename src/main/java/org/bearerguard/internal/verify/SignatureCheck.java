package org.bearerguard.internal.verify;

import java.math.BigInteger;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import org.bearerguard.internal.crypto.JcaVerifier;
import org.bearerguard.internal.crypto.KeyFamily;
import org.bearerguard.internal.crypto.Signatures;
import org.bearerguard.internal.keys.NistCurves;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.lang.JoseException;

/**
 * Checks one JWS algorithm's signatures. Asymmetric algorithms go to their key family's provider
 * ({@link Signatures}: the JDK's, or a faster one chosen at start) through a pooled {@link JcaVerifier} (RFC 7518
 * §3.3-3.5, RFC 8037); ECDSA signatures have their JWS shape and range checked here first, whatever the provider
 * ({@link #wellFormedEcdsa}). HMAC stays with jose4j, whose comparison is constant-time.
 */
public final class SignatureCheck {

    private static final ProviderContext PROVIDERS = new ProviderContext();

    private final JcaVerifier jca;
    private final JsonWebSignatureAlgorithm hmac;
    /** RS* and PS*: the signature must be exactly as long as the key's modulus (RFC 8017 §8.1.2, §8.2.2). */
    private final boolean rsa;
    /** ECDSA only: the curve's order n, and n big-endian in the curve's octet length; else null. */
    private final BigInteger order;
    private final byte[] orderOctets;

    private SignatureCheck(JcaVerifier jca, JsonWebSignatureAlgorithm hmac, ECParameterSpec curve, boolean rsa) {
        this.jca = jca;
        this.hmac = hmac;
        this.rsa = rsa;
        this.order = curve == null ? null : curve.getOrder();
        this.orderOctets = curve == null ? null : octets(order, octetLength(curve));
    }

    /** The check for {@code alg} on the JDK's providers. */
    public static SignatureCheck forAlgorithm(String alg) {
        return forAlgorithm(alg, Signatures.JDK);
    }

    /** The check for {@code alg} on the provider chosen for its key family. */
    public static SignatureCheck forAlgorithm(String alg, Signatures signatures) {
        if (KeyFamily.forAlgorithm(alg) == null) {
            try {
                return new SignatureCheck(null,
                        AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory().getAlgorithm(alg), null, false);
            } catch (JoseException e) {
                throw new IllegalStateException("no " + alg + " on this JVM", e);
            }
        }
        var curve = NistCurves.forAlgorithm(alg);
        try {
            return new SignatureCheck(signatures.verifier(alg), null, curve,
                    KeyFamily.forAlgorithm(alg) == KeyFamily.RSA);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no " + alg + " on this JVM", e);
        }
    }

    /** Whether {@code signature} over {@code signingInput} verifies with {@code key}; false for any unfit key. */
    public boolean verify(byte[] signingInput, byte[] signature, Key key) {
        if (hmac != null) {
            try {
                hmac.validateVerificationKey(key); // a secret long enough for this hash (RFC 7518 §3.2)
                return hmac.verifySignature(signature, key, signingInput, PROVIDERS);
            } catch (JoseException | RuntimeException e) {
                return false;
            }
        }
        if (!(key instanceof PublicKey publicKey)) {
            return false;
        }
        if (order != null && !(key instanceof ECPublicKey ec && order.equals(ec.getParams().getOrder())
                && wellFormedEcdsa(signature, orderOctets))) {
            return false; // never handed to a provider: see wellFormedEcdsa
        }
        if (rsa && !(key instanceof RSAPublicKey rsaKey
                && signature.length == (rsaKey.getModulus().bitLength() + 7) / 8)) {
            return false; // a shorter one is another spelling of a valid signature, which some providers take
        }
        return jca.verify(signingInput, signature, publicKey);
    }

    /** Who checks these signatures: a provider's name, or {@code JDK}. */
    public String providerName() {
        return jca == null ? "jose4j" : jca.providerName();
    }

    private static int octetLength(ECParameterSpec curve) {
        return (curve.getCurve().getField().getFieldSize() + 7) / 8;
    }

    /**
     * Whether an ECDSA signature has the JWS shape, R || S of exactly the curve's octet length each (RFC 7518 §3.4),
     * with 1 <= r, s <= n - 1 (FIPS 186-5 §6.4.2, SEC 1 §4.1.4 step 1). Checked before the provider, so that an
     * all-zero signature (CVE-2022-21449: JDK 15-18 accepted it for any message and key) or an out-of-range one can
     * never verify, whatever JDK or provider runs. The values are public: no need for constant time.
     *
     * @param order the curve's order n, big-endian, in the curve's octet length
     */
    static boolean wellFormedEcdsa(byte[] signature, byte[] order) {
        int length = order.length;
        return signature.length == 2 * length && inRange(signature, 0, order) && inRange(signature, length, order);
    }

    /** 0 < the big-endian number of {@code n.length} bytes at {@code offset} < n. */
    private static boolean inRange(byte[] bytes, int offset, byte[] n) {
        int any = 0;
        int compare = 0; // the first byte that differs decides
        for (int i = 0; i < n.length; i++) {
            int b = bytes[offset + i] & 0xFF;
            any |= b;
            if (compare == 0) {
                compare = b - (n[i] & 0xFF);
            }
        }
        return any != 0 && compare < 0;
    }

    private static byte[] octets(BigInteger value, int length) {
        var bytes = value.toByteArray(); // may carry a leading zero byte
        var out = new byte[length];
        int copy = Math.min(length, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }
}
