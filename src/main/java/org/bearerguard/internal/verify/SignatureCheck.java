package org.bearerguard.internal.verify;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bearerguard.internal.keys.NistCurves;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.lang.JoseException;

/**
 * Checks one JWS algorithm's signatures. Asymmetric algorithms use the JDK's {@link Signature} directly (RFC 7518
 * §3.3-3.5, RFC 8037), from a small pool so that no request pays for a provider lookup; ECDSA in the IEEE P1363 form
 * that JOSE uses (R || S, no DER conversion), its shape and range checked first ({@link #wellFormedEcdsa}). HMAC
 * stays with jose4j, whose comparison is constant-time.
 */
public final class SignatureCheck {

    private static final ProviderContext PROVIDERS = new ProviderContext();

    private final String jcaName;
    private final AlgorithmParameterSpec params;
    private final JsonWebSignatureAlgorithm hmac;
    /** ECDSA only: the curve's order n, and n big-endian in the curve's octet length; else null. */
    private final BigInteger order;
    private final byte[] orderOctets;
    private final ConcurrentLinkedQueue<Signature> pool = new ConcurrentLinkedQueue<>();

    private SignatureCheck(String jcaName, AlgorithmParameterSpec params, JsonWebSignatureAlgorithm hmac) {
        this(jcaName, params, hmac, null);
    }

    private SignatureCheck(String jcaName, AlgorithmParameterSpec params, JsonWebSignatureAlgorithm hmac,
                           ECParameterSpec curve) {
        this.jcaName = jcaName;
        this.params = params;
        this.hmac = hmac;
        this.order = curve == null ? null : curve.getOrder();
        this.orderOctets = curve == null ? null : octets(order, (curve.getCurve().getField().getFieldSize() + 7) / 8);
    }

    public static SignatureCheck forAlgorithm(String alg) {
        return switch (alg) {
            case "RS256" -> new SignatureCheck("SHA256withRSA", null, null);
            case "RS384" -> new SignatureCheck("SHA384withRSA", null, null);
            case "RS512" -> new SignatureCheck("SHA512withRSA", null, null);
            case "PS256" -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
            case "PS384" -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
            case "PS512" -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
            case "ES256" -> ecdsa("SHA256withECDSAinP1363Format", alg);
            case "ES384" -> ecdsa("SHA384withECDSAinP1363Format", alg);
            case "ES512" -> ecdsa("SHA512withECDSAinP1363Format", alg);
            case "EdDSA" -> new SignatureCheck("EdDSA", null, null);
            default -> {
                try {
                    yield new SignatureCheck(null, null,
                            AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory().getAlgorithm(alg));
                } catch (JoseException e) {
                    throw new IllegalStateException("no " + alg + " on this JVM", e);
                }
            }
        };
    }

    private static SignatureCheck ecdsa(String jcaName, String alg) {
        return new SignatureCheck(jcaName, null, null, NistCurves.forAlgorithm(alg));
    }

    private static SignatureCheck pss(String hash, MGF1ParameterSpec mgf, int saltLength) {
        return new SignatureCheck("RSASSA-PSS", new PSSParameterSpec(hash, "MGF1", mgf, saltLength, 1), null);
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
        var jca = pool.poll();
        try {
            if (jca == null) {
                jca = Signature.getInstance(jcaName);
                if (params != null) {
                    jca.setParameter(params);
                }
            }
            jca.initVerify(publicKey);
            jca.update(signingInput);
            boolean ok = jca.verify(signature);
            pool.offer(jca);
            return ok;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a key of another type, or a signature of the wrong shape; this instance is dropped
        }
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
