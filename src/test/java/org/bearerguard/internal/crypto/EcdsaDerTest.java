package org.bearerguard.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** R || S to DER for providers that take only DER: byte for byte what a plain ASN.1 encoder writes. */
class EcdsaDerTest {

    /** SEQUENCE { INTEGER r, INTEGER s } from BigInteger's own two's-complement bytes. */
    private static byte[] reference(byte[] raw, int octets) {
        var r = new BigInteger(1, Arrays.copyOfRange(raw, 0, octets)).toByteArray();
        var s = new BigInteger(1, Arrays.copyOfRange(raw, octets, 2 * octets)).toByteArray();
        var content = new ByteArrayOutputStream();
        for (var integer : new byte[][] {r, s}) {
            content.write(0x02);
            content.write(integer.length);
            content.writeBytes(integer);
        }
        var out = new ByteArrayOutputStream();
        out.write(0x30);
        if (content.size() > 127) {
            out.write(0x81);
        }
        out.write(content.size());
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] encode(byte[] raw, int octets) {
        var buffer = new byte[EcdsaDer.maxLength(octets)];
        int length = EcdsaDer.encode(raw, octets, buffer);
        return Arrays.copyOf(buffer, length);
    }

    @Test
    void whenRAndSTakeAnyValueThenTheDerIsWhatAnAsn1EncoderWrites() {
        var random = new Random(17);
        for (int octets : new int[] {32, 48, 66}) {
            for (int i = 0; i < 2_000; i++) {
                var raw = new byte[2 * octets];
                random.nextBytes(raw);
                // leading zeros and top bits set, at both ends of the range
                switch (i % 4) {
                    case 0 -> Arrays.fill(raw, 0, 1 + random.nextInt(octets - 1), (byte) 0);
                    case 1 -> raw[0] |= (byte) 0x80;
                    case 2 -> raw[octets] = 0;
                    default -> raw[octets] |= (byte) 0x80;
                }
                assertThat(encode(raw, octets)).as("octets %d case %d", octets, i).isEqualTo(reference(raw, octets));
            }
        }
    }

    @Test
    void whenTheLengthIsNotTwiceTheCurvesThenNothingIsWritten() {
        assertThat(EcdsaDer.encode(new byte[63], 32, new byte[EcdsaDer.maxLength(32)])).isZero();
        assertThat(EcdsaDer.encode(new byte[65], 32, new byte[EcdsaDer.maxLength(32)])).isZero();
    }

    @Test
    void whenTheJdkSignsInTheJwsFormThenTheDerFormVerifiesWithTheJdksDerCheck() throws Exception {
        var message = "header.payload".getBytes(StandardCharsets.US_ASCII);
        for (var curve : new String[][] {{"secp256r1", "SHA256", "32"}, {"secp384r1", "SHA384", "48"},
                {"secp521r1", "SHA512", "66"}}) {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve[0]));
            var pair = generator.generateKeyPair();
            for (int i = 0; i < 20; i++) {
                var signer = Signature.getInstance(curve[1] + "withECDSAinP1363Format");
                signer.initSign(pair.getPrivate());
                signer.update(message);
                var der = encode(signer.sign(), Integer.parseInt(curve[2]));
                var verifier = Signature.getInstance(curve[1] + "withECDSA");
                verifier.initVerify(pair.getPublic());
                verifier.update(message);
                assertThat(verifier.verify(der)).as(curve[0]).isTrue();
            }
        }
    }
}
