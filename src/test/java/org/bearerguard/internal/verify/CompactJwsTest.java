package org.bearerguard.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.extract.BearerToken;
import org.bearerguard.testing.RawTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A compact JWS taken apart: RFC 7515 §7.1 segments, RFC 4648 §5 base64url, RFC 3629 UTF-8, RFC 8259 JSON. */
class CompactJwsTest {

    private static final String HEADER = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}";
    private static final BearerError MALFORMED = new BearerError.Refused(Reason.MALFORMED_TOKEN);

    private static CompactJws parse(String token) throws BearerException {
        return CompactJws.parse(BearerToken.of(token));
    }

    /** {@code {"sub":"<bytes>"}}, the bytes as they are, valid UTF-8 or not. */
    private static byte[] payloadWith(String hexBytes) {
        var out = new ByteArrayOutputStream();
        out.writeBytes("{\"sub\":\"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(HexFormat.of().parseHex(hexBytes));
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "bf", "c0af", "c1bf", "e282", "e080af", "eda080", "edbfbf", "f4908080", "f8888080",
            "ff", "fe", "c3", "f09f98"})
    void whenThePayloadIsNotValidUtf8ThenTheTokenIsMalformed(String hexBytes) {
        var token = RawTokens.b64(HEADER) + "." + RawTokens.b64(payloadWith(hexBytes)) + ".c2ln";

        assertThatThrownBy(() -> parse(token)).isInstanceOf(BearerException.class)
                .extracting(e -> ((BearerException) e).error()).isEqualTo(MALFORMED);
    }

    @Test
    void whenTheHeaderIsNotValidUtf8ThenTheTokenIsMalformed() {
        var header = "{\"alg\":\"RS256\",\"kid\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        var token = RawTokens.b64(header) + "." + RawTokens.b64("{\"sub\":\"a\"}") + ".c2ln";

        assertThatThrownBy(() -> parse(token)).isInstanceOf(BearerException.class)
                .extracting(e -> ((BearerException) e).error()).isEqualTo(MALFORMED);
    }

    @Test
    void whenThePayloadIsValidUtf8ThenItsCharactersAreRead() throws Exception {
        var token = RawTokens.b64(HEADER) + "." + RawTokens.b64("{\"sub\":\"\u00e9\u65e5\ud83d\ude00\",\"n\":1}")
                + ".c2ln";

        var jws = parse(token);

        assertThat(jws.claims().map()).containsEntry("sub", "\u00e9\u65e5\ud83d\ude00").containsEntry("n", 1L);
        assertThat(jws.header()).containsEntry("alg", "RS256").containsEntry("kid", "rsa-1");
        assertThat(jws.signingInput())
                .isEqualTo(token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
        assertThat(jws.signature()).isEqualTo("sig".getBytes(StandardCharsets.US_ASCII));
    }

    /** The same bytes spelled with non-zero padding bits in the last character (RFC 4648 §3.5). */
    static String withPaddingBitsSet(String segment) {
        assertThat(segment.length() % 4).isIn(2, 3);
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = segment.charAt(segment.length() - 1);
        var other = segment.substring(0, segment.length() - 1) + alphabet.charAt(alphabet.indexOf(last) + 1);
        var lenient = java.util.Base64.getUrlDecoder();
        assertThat(lenient.decode(other)).isEqualTo(lenient.decode(segment)); // what made the two spellings one token
        return other;
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc"})
    void whenASegmentHasPaddingBitsSetThenTheTokenIsMalformed(String sub) throws Exception {
        var header = RawTokens.b64(HEADER);
        var payload = RawTokens.b64("{\"sub\":\"" + sub + "\"}");
        var signature = RawTokens.b64(new byte[sub.length() == 1 ? 2 : 4]);
        parse(header + "." + payload + "." + signature); // canonical: read

        for (var token : java.util.List.of(withPaddingBitsSet(header) + "." + payload + "." + signature,
                header + "." + withPaddingBitsSet(payload) + "." + signature,
                header + "." + payload + "." + withPaddingBitsSet(signature))) {
            assertThatThrownBy(() -> parse(token)).as(token).isInstanceOf(BearerException.class)
                    .extracting(e -> ((BearerException) e).error()).isEqualTo(MALFORMED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"e30.e30.A", "e30.e30A.c2ln", "e30A.e30.c2ln", "e30.e30.c2lnZ"})
    void whenASegmentHasALengthNoBase64UrlTextHasThenTheTokenIsMalformed(String token) {
        assertThatThrownBy(() -> parse(token)).isInstanceOf(BearerException.class)
                .extracting(e -> ((BearerException) e).error()).isEqualTo(MALFORMED);
    }
}
