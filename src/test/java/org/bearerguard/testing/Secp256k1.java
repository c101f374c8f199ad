package org.bearerguard.testing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.keys.EllipticCurves;

/**
 * A secp256k1 key pair with ES256-style (SHA-256, P1363) signatures, computed by hand: the JDK 17 here has no
 * secp256k1 any more, yet an issuer may publish such a key, and a token signed with it is a valid ECDSA signature
 * that a provider knowing the curve would accept. Affine arithmetic over the curve y^2 = x^3 + 7; slow, for tests only.
 */
public final class Secp256k1 {

    private static final BigInteger P = ((java.security.spec.ECFieldFp) EllipticCurves.SECP256K1.getCurve().getField())
            .getP();
    private static final BigInteger N = EllipticCurves.SECP256K1.getOrder();
    private static final Point G = new Point(EllipticCurves.SECP256K1.getGenerator().getAffineX(),
            EllipticCurves.SECP256K1.getGenerator().getAffineY());
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Point(BigInteger x, BigInteger y) {
    }

    private final String kid;
    private final BigInteger d;
    private final Point q;

    private Secp256k1(String kid, BigInteger d) {
        this.kid = kid;
        this.d = d;
        this.q = multiply(d, G);
    }

    public static Secp256k1 generate(String kid) {
        return new Secp256k1(kid, scalar());
    }

    /** The public JWK, as an issuer would publish it (RFC 8812 §3.1: crv secp256k1). */
    public Map<String, Object> publicJwk() {
        var jwk = new LinkedHashMap<String, Object>();
        jwk.put("kty", "EC");
        jwk.put("crv", "secp256k1");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("x", b64(fixed(q.x())));
        jwk.put("y", b64(fixed(q.y())));
        return jwk;
    }

    /** ECDSA over SHA-256 of the input, as R || S of 32 bytes each. */
    public byte[] sign(byte[] input) {
        var e = digest(input);
        while (true) {
            var k = scalar();
            var r = multiply(k, G).x().mod(N);
            var s = k.modInverse(N).multiply(e.add(r.multiply(d))).mod(N);
            if (r.signum() != 0 && s.signum() != 0) {
                var out = new byte[64];
                System.arraycopy(fixed(r), 0, out, 0, 32);
                System.arraycopy(fixed(s), 0, out, 32, 32);
                return out;
            }
        }
    }

    /** Whether the signature verifies with this public key: that the token under test is validly signed. */
    public boolean verify(byte[] input, byte[] signature) {
        var r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
        var s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        var w = s.modInverse(N);
        var point = add(multiply(digest(input).multiply(w).mod(N), G), multiply(r.multiply(w).mod(N), q));
        return point != null && point.x().mod(N).equals(r);
    }

    private static BigInteger digest(byte[] input) {
        try {
            return new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger scalar() {
        BigInteger k;
        do {
            k = new BigInteger(256, RANDOM);
        } while (k.signum() == 0 || k.compareTo(N) >= 0);
        return k;
    }

    private static Point multiply(BigInteger k, Point point) {
        Point result = null;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (k.testBit(i)) {
                result = add(result, point);
            }
        }
        return result;
    }

    /** Point addition; null is the point at infinity. */
    private static Point add(Point a, Point b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        BigInteger slope;
        if (a.x().equals(b.x())) {
            if (a.y().add(b.y()).mod(P).signum() == 0) {
                return null;
            }
            slope = a.x().pow(2).multiply(BigInteger.valueOf(3)).multiply(a.y().shiftLeft(1).modInverse(P)).mod(P);
        } else {
            slope = b.y().subtract(a.y()).multiply(b.x().subtract(a.x()).modInverse(P)).mod(P);
        }
        var x = slope.pow(2).subtract(a.x()).subtract(b.x()).mod(P);
        var y = slope.multiply(a.x().subtract(x)).subtract(a.y()).mod(P);
        return new Point(x, y);
    }

    private static byte[] fixed(BigInteger v) {
        var bytes = v.toByteArray();
        var out = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
