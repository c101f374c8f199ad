package org.bearerguard.internal.verify;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.lang.JoseException;

/**
 * Checks one JWS algorithm's signatures. Asymmetric algorithms use the JDK's {@link Signature} directly (RFC 7518
 * §3.3-3.5, RFC 8037), from a small pool so that no request pays for a provider lookup; ECDSA in the IEEE P1363 form
 * that JOSE uses (R || S, no DER conversion). HMAC stays with jose4j, whose comparison is constant-time.
 */
final class SignatureCheck {

    private static final ProviderContext PROVIDERS = new ProviderContext();

    private final String jcaName;
    private final AlgorithmParameterSpec params;
    private final JsonWebSignatureAlgorithm hmac;
    private final ConcurrentLinkedQueue<Signature> pool = new ConcurrentLinkedQueue<>();

    private SignatureCheck(String jcaName, AlgorithmParameterSpec params, JsonWebSignatureAlgorithm hmac) {
        this.jcaName = jcaName;
        this.params = params;
        this.hmac = hmac;
    }

    static SignatureCheck forAlgorithm(String alg) {
        return switch (alg) {
            case "RS256" -> new SignatureCheck("SHA256withRSA", null, null);
            case "RS384" -> new SignatureCheck("SHA384withRSA", null, null);
            case "RS512" -> new SignatureCheck("SHA512withRSA", null, null);
            case "PS256" -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
            case "PS384" -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
            case "PS512" -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
            case "ES256" -> new SignatureCheck("SHA256withECDSAinP1363Format", null, null);
            case "ES384" -> new SignatureCheck("SHA384withECDSAinP1363Format", null, null);
            case "ES512" -> new SignatureCheck("SHA512withECDSAinP1363Format", null, null);
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

    private static SignatureCheck pss(String hash, MGF1ParameterSpec mgf, int saltLength) {
        return new SignatureCheck("RSASSA-PSS", new PSSParameterSpec(hash, "MGF1", mgf, saltLength, 1), null);
    }

    /** Whether {@code signature} over {@code signingInput} verifies with {@code key}; false for any unfit key. */
    boolean verify(byte[] signingInput, byte[] signature, Key key) {
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
}
