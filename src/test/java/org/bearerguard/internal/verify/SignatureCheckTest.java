package org.bearerguard.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bearerguard.testing.AcceptingProvider;
import org.bearerguard.testing.TestKeys;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

/**
 * ECDSA signatures are checked for shape and range before any provider sees them (RFC 7518 §3.4, FIPS 186-5 §6.4.2),
 * so that CVE-2022-21449 (JDK 15-18 took r = s = 0 for any message) cannot come back with another JDK or provider.
 */
class SignatureCheckTest {

    private static final byte[] INPUT = "header.payload".getBytes(StandardCharsets.US_ASCII);

    private static byte[] p1363(BigInteger r, BigInteger s, int length) {
        var out = new byte[2 * length];
        put(r, out, 0, length);
        put(s, out, length, length);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int offset, int length) {
        var bytes = v.toByteArray();
        int copy = Math.min(length, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, offset + length - copy, copy);
    }

    /** Signatures no ECDSA verifier may accept, for a curve of order n and octet length {@code length}. */
    private static List<byte[]> malformed(BigInteger n, int length) {
        var one = BigInteger.ONE;
        var cases = new ArrayList<byte[]>();
        cases.add(new byte[2 * length]); // r = s = 0
        cases.add(p1363(BigInteger.ZERO, one, length));
        cases.add(p1363(one, BigInteger.ZERO, length));
        cases.add(p1363(n, one, length));
        cases.add(p1363(one, n, length));
        cases.add(p1363(n.add(one), one, length));
        cases.add(p1363(one, one.shiftLeft(8 * length).subtract(one), length));
        cases.add(new byte[0]);
        cases.add(new byte[2 * length - 1]);
        cases.add(java.util.Arrays.copyOf(p1363(one, one, length), 2 * length + 1));
        cases.add(java.util.Arrays.copyOf(p1363(one, one, length), 2 * length - 1));
        return cases;
    }

    @Test
    void whenAnEcdsaSignatureIsOutOfRangeOrOfTheWrongLengthThenNoProviderEverSeesIt() throws Exception {
        var p521 = EcJwkGenerator.generateJwk(EllipticCurves.P521);
        Security.insertProviderAt(new AcceptingProvider("AcceptsEverything", List.of("SHA256withECDSAinP1363Format",
                "SHA384withECDSAinP1363Format", "SHA512withECDSAinP1363Format"), java.util.Map.of()), 1);
        try {
            for (var c : List.of(new Object[] {"ES256", TestKeys.EC.getPublicKey(), 32},
                    new Object[] {"ES512", p521.getPublicKey(), 66})) {
                var check = SignatureCheck.forAlgorithm((String) c[0]); // a new pool: instances of the broken provider
                var key = (ECPublicKey) c[1];
                var n = key.getParams().getOrder();
                int length = (int) c[2];
                AcceptingProvider.CALLS.set(0);

                for (var signature : malformed(n, length)) {
                    assertThat(check.verify(INPUT, signature, key)).as(c[0] + " " + signature.length).isFalse();
                }
                assertThat(AcceptingProvider.CALLS).hasValue(0);
                // in range: handed on, and the broken provider says yes; so the refusals above were ours
                assertThat(check.verify(INPUT, p1363(n.subtract(BigInteger.ONE), BigInteger.ONE, length), key)).isTrue();
                assertThat(AcceptingProvider.CALLS).hasValue(1);
            }
        } finally {
            Security.removeProvider("AcceptsEverything");
        }
    }

    @Test
    void whenScalarsAreCheckedThenOnlyOneToNMinusOneOfTheCurveLengthPass() {
        var n = ((ECPublicKey) TestKeys.EC.getPublicKey()).getParams().getOrder();
        var order = new byte[32];
        put(n, order, 0, 32);
        var one = BigInteger.ONE;

        assertThat(SignatureCheck.wellFormedEcdsa(p1363(one, one, 32), order)).isTrue();
        assertThat(SignatureCheck.wellFormedEcdsa(p1363(n.subtract(one), n.subtract(one), 32), order)).isTrue();
        assertThat(SignatureCheck.wellFormedEcdsa(p1363(one.shiftLeft(255), n.shiftRight(1), 32), order)).isTrue();
        for (var signature : malformed(n, 32)) {
            assertThat(SignatureCheck.wellFormedEcdsa(signature, order)).isFalse();
        }
    }

    @Test
    void whenAGenuineEcdsaSignatureIsCheckedThenItVerifies() throws Exception {
        var jca = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        jca.initSign(TestKeys.EC.getPrivateKey());
        jca.update(INPUT);
        var signature = jca.sign();

        assertThat(SignatureCheck.forAlgorithm("ES256").verify(INPUT, signature, TestKeys.EC.getPublicKey())).isTrue();
        signature[5] ^= 1;
        assertThat(SignatureCheck.forAlgorithm("ES256").verify(INPUT, signature, TestKeys.EC.getPublicKey())).isFalse();
    }
}
