package org.bearerguard.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a provider verifies a key family's signatures as the JDK does, before it is trusted with them: for each of
 * the family's algorithms, a signature the JDK made is accepted, and the same signature over a changed message, a
 * changed signature and (ECDSA) the all-zero signature are refused; its key factory takes the family's keys. Runs once
 * per provider and family at start; key pairs come from the JDK (once per family, a few hundred ms for RSA).
 */
final class SelfTest {

    private static final byte[] MESSAGE = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzZWxmLXRlc3QifQ"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    private SelfTest() {
    }

    static boolean passes(KeyFamily family, Provider provider) {
        try {
            for (var alg : family.algorithms()) {
                for (var pair : keyPairs(family)) {
                    if (!passes(alg, pair, provider)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean passes(String alg, KeyPair pair, Provider provider) throws GeneralSecurityException {
        int octets = KeyFamily.forAlgorithm(alg).ecOctets();
        var verifier = JcaVerifier.forAlgorithm(alg, provider);
        var key = Signatures.translateFor(pair.getPublic(), provider);
        var signature = sign(alg, pair);
        var changedMessage = MESSAGE.clone();
        changedMessage[changedMessage.length - 1] ^= 1;
        var changedSignature = signature.clone();
        changedSignature[changedSignature.length / 2] ^= 1;
        boolean refusesZero = octets == 0 || !verifier.verify(MESSAGE, new byte[2 * octets], key);
        return verifier.verify(MESSAGE, signature, key) && !verifier.verify(changedMessage, signature, key)
                && !verifier.verify(MESSAGE, changedSignature, key) && refusesZero;
    }

    private static byte[] sign(String alg, KeyPair pair) throws GeneralSecurityException {
        var jca = Signature.getInstance(KeyFamily.jcaNames(alg).get(0));
        var params = KeyFamily.parameters(alg);
        if (params != null) {
            jca.setParameter(params);
        }
        jca.initSign(pair.getPrivate());
        jca.update(MESSAGE);
        return jca.sign();
    }

    private static List<KeyPair> keyPairs(KeyFamily family) throws GeneralSecurityException {
        return switch (family) {
            case RSA -> List.of(pair("RSA", null));
            case P256 -> List.of(pair("EC", "secp256r1"));
            case P384 -> List.of(pair("EC", "secp384r1"));
            case P521 -> List.of(pair("EC", "secp521r1"));
            case EDDSA -> List.of(pair("Ed25519", null), pair("Ed448", null));
        };
    }

    private static KeyPair pair(String algorithm, String curve) throws GeneralSecurityException {
        var id = algorithm + "/" + curve;
        var pair = KEYS.get(id);
        if (pair == null) {
            var generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else if (algorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            pair = generator.generateKeyPair();
            KEYS.putIfAbsent(id, pair);
        }
        return pair;
    }
}
