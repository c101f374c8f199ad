package org.bearerguard.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * Compact JWS serialization signed by hand with the JDK, so that a header and a payload can be any text (a wrong
 * {@code alg}, duplicate members) and still be signed as a test needs.
 */
public final class Jws {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jws() {
    }

    /**
     * {@code base64url(header).base64url(payload).base64url(signature)}, the signature made with {@code key} under
     * {@code algorithm} (RS*, PS*, ES* in the JWS form, EdDSA, or HS* with a secret key), whatever the header says.
     */
    public static String sign(String headerJson, String payloadJson, Key key, String algorithm) {
        var input = signingInput(headerJson, payloadJson);
        return input + "." + B64.encodeToString(signature(algorithm, key, input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The two segments and an empty signature, as {@code alg: none} has it. */
    public static String unsigned(String headerJson, String payloadJson) {
        return signingInput(headerJson, payloadJson) + ".";
    }

    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    private static String signingInput(String headerJson, String payloadJson) {
        return B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] signature(String algorithm, Key key, byte[] input) {
        try {
            if (algorithm.matches("HS(256|384|512)")) {
                var mac = Mac.getInstance("HmacSHA" + algorithm.substring(2));
                mac.init(key);
                return mac.doFinal(input);
            }
            var signature = signer(algorithm);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IllegalArgumentException(algorithm + " signs with a private key, not " + key.getAlgorithm());
            }
            signature.initSign(privateKey);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    private static Signature signer(String algorithm) throws GeneralSecurityException {
        if (!algorithm.matches("EdDSA|(RS|PS|ES)(256|384|512)")) {
            throw new IllegalArgumentException("unknown JWS algorithm " + algorithm);
        }
        if (algorithm.equals("EdDSA")) {
            return Signature.getInstance("EdDSA");
        }
        var bits = algorithm.substring(2);
        return switch (algorithm.substring(0, 2)) {
            case "RS" -> Signature.getInstance("SHA" + bits + "withRSA");
            case "ES" -> Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            case "PS" -> {
                var pss = Signature.getInstance("RSASSA-PSS");
                var hash = "SHA-" + bits;
                pss.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        Integer.parseInt(bits) / 8, 1));
                yield pss;
            }
            default -> throw new IllegalArgumentException("unknown JWS algorithm " + algorithm);
        };
    }
}
