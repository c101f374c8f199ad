package org.bearerguard.internal.keys;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * The three curves JWS defines ECDSA for (RFC 7518 §3.4): ES256 on P-256, ES384 on P-384, ES512 on P-521. A key is
 * on one of them when all its domain parameters are that curve's (field, a, b, generator, order, cofactor): the field
 * size alone would take secp256k1 (RFC 8812, ES256K) for P-256. The standard parameters come once from the JDK.
 */
public final class NistCurves {

    private static final String[] ALGORITHMS = {"ES256", "ES384", "ES512"};
    private static final ECParameterSpec[] SPECS = {spec("secp256r1"), spec("secp384r1"), spec("secp521r1")};

    private NistCurves() {
    }

    /** The JWS algorithm for keys with these parameters, or null when they are not exactly a NIST curve's. */
    public static String algorithmFor(ECParameterSpec params) {
        for (int i = 0; i < SPECS.length; i++) {
            if (same(params, SPECS[i])) {
                return ALGORITHMS[i];
            }
        }
        return null;
    }

    /** The curve an {@code ES*} algorithm is defined on, or null for any other algorithm. */
    public static ECParameterSpec forAlgorithm(String alg) {
        for (int i = 0; i < ALGORITHMS.length; i++) {
            if (ALGORITHMS[i].equals(alg)) {
                return SPECS[i];
            }
        }
        return null;
    }

    /** Whether the key's point satisfies y² = x³ + ax + b (mod p): a key off its curve is nobody's key. */
    public static boolean onCurve(java.security.interfaces.ECPublicKey key) {
        var curve = key.getParams().getCurve();
        if (!(curve.getField() instanceof java.security.spec.ECFieldFp field)) {
            return false;
        }
        var p = field.getP();
        var w = key.getW();
        if (w.equals(java.security.spec.ECPoint.POINT_INFINITY)) {
            return false;
        }
        var x = w.getAffineX();
        var y = w.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        var right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    private static boolean same(ECParameterSpec a, ECParameterSpec b) {
        // EllipticCurve.equals compares the field and the coefficients a and b
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    private static ECParameterSpec spec(String name) {
        try {
            var parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + name + " on this JVM", e);
        }
    }
}
