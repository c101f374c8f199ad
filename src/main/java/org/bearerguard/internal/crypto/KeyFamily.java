package org.bearerguard.internal.crypto;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

/**
 * The kinds of public key a signature provider is chosen for, each with the JWS algorithms it verifies (RFC 7518
 * §3.3-3.5, RFC 8037) and their JCA names. One provider serves a whole family, so that a key translated for it when
 * its key set is installed is the key its signatures are checked with.
 */
public enum KeyFamily {

    RSA("RSA", "RSA", 0, List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")),
    P256("ES256", "EC", 32, List.of("ES256")),
    P384("ES384", "EC", 48, List.of("ES384")),
    P521("ES512", "EC", 66, List.of("ES512")),
    /** Ed25519 and Ed448 alike: a provider serves this family only if it verifies both. */
    EDDSA("EdDSA", "EdDSA", 0, List.of("EdDSA"));

    private final String label;
    private final String keyAlgorithm;
    private final int ecOctets;
    private final List<String> algorithms;

    KeyFamily(String label, String keyAlgorithm, int ecOctets, List<String> algorithms) {
        this.label = label;
        this.keyAlgorithm = keyAlgorithm;
        this.ecOctets = ecOctets;
        this.algorithms = algorithms;
    }

    /** EC: the curve's octet length, R and S each in a JWS signature (RFC 7518 §3.4); 0 for the others. */
    public int ecOctets() {
        return ecOctets;
    }

    /** How the log line names it: {@code RSA}, {@code ES256}, {@code ES384}, {@code ES512}, {@code EdDSA}. */
    public String label() {
        return label;
    }

    /** The JCA name of its keys ({@code KeyFactory} and {@code KeyPairGenerator}). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public List<String> algorithms() {
        return algorithms;
    }

    /** The family of a JWS algorithm, or null for HMAC and unknown names. */
    public static KeyFamily forAlgorithm(String alg) {
        for (var family : values()) {
            if (family.algorithms.contains(alg)) {
                return family;
            }
        }
        return null;
    }

    /**
     * The JCA names a provider may know an algorithm under, in the order they are tried: for ECDSA, the raw R || S
     * form JWS uses (the JDK's and BouncyCastle's names), then the DER form, which {@link JcaVerifier} converts to
     * ({@link #isDer}).
     */
    static List<String> jcaNames(String alg) {
        return switch (alg) {
            case "RS256", "RS384", "RS512" -> List.of("SHA" + alg.substring(2) + "withRSA");
            // Conscrypt knows PSS only by its hash: SHA256withRSA/PSS, whose parameters are then set as for the JDK
            case "PS256", "PS384", "PS512" -> List.of("RSASSA-PSS", "SHA" + alg.substring(2) + "withRSA/PSS");
            case "ES256", "ES384", "ES512" -> {
                var hash = "SHA" + alg.substring(2);
                yield List.of(hash + "withECDSAinP1363Format", hash + "withPLAIN-ECDSA", hash + "withECDSA");
            }
            case "EdDSA" -> List.of("EdDSA");
            default -> throw new IllegalArgumentException("not an asymmetric JWS algorithm: " + alg);
        };
    }

    /** Whether this JCA name takes ECDSA signatures DER-encoded (RFC 3279 §2.2.3) rather than as R || S. */
    static boolean isDer(String jcaName) {
        return jcaName.endsWith("withECDSA");
    }

    /** The parameters an algorithm's {@code Signature} needs ({@code RSASSA-PSS}: RFC 7518 §3.5), else null. */
    static AlgorithmParameterSpec parameters(String alg) {
        return switch (alg) {
            case "PS256" -> new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            case "PS384" -> new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
            case "PS512" -> new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);
            default -> null;
        };
    }
}
