package org.bearerguard.internal.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.testing.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6750 §2.1 header syntax. */
class TokenExtractorTest {

    private final TokenExtractor extractor = new TokenExtractor(64);

    private static BearerError errorOf(List<String> headers, TokenExtractor extractor) {
        try {
            extractor.extract(headers);
            throw new AssertionError("expected a refusal");
        } catch (BearerException e) {
            return e.error();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi", "Bearer   abc.def.ghi",
            " Bearer abc.def.ghi "})
    void whenSchemeIsBearerInAnyCaseThenTheTokenIsExtracted(String header) throws Exception {
        assertThat(extractor.extract(List.of(header)).token().value()).isEqualTo("abc.def.ghi");
    }

    @Test
    void whenTokenUsesEveryB64TokenCharacterThenItIsExtracted() throws Exception {
        assertThat(extractor.extract(List.of("Bearer aZ09-._~+/==")).token().value()).isEqualTo("aZ09-._~+/==");
    }

    @Test
    void whenTheTokenIsScannedThenItsDotsAndAlphabetAreKnown() throws Exception {
        var jws = extractor.extract(List.of("Bearer ab.cd-_.ef")).token();
        var notBase64Url = extractor.extract(List.of("Bearer ab.c~d.ef=")).token();

        assertThat(jws.value()).isEqualTo("ab.cd-_.ef");
        assertThat(List.of(jws.firstDot(), jws.secondDot(), jws.dots())).containsExactly(2, 7, 2);
        assertThat(jws.base64UrlOnly()).isTrue();
        assertThat(jws.isCompactJws()).isTrue();
        assertThat(notBase64Url.base64UrlOnly()).isFalse();
        assertThat(notBase64Url.isCompactJws()).isFalse();
        assertThat(extractor.extract(List.of("Bearer a.b.c.d.e")).token().isCompactJws()).isFalse();
        assertThat(extractor.extract(List.of("Bearer .b.c")).token().isCompactJws()).isFalse();
    }

    @Test
    void whenACompactJwsIsInCanonicalBase64UrlThenItsSegmentsComeDecoded() throws Exception {
        var segments = extractor.extract(List.of("Bearer e30.eyJhIjoxfQ.c2ln")).token().segments();

        assertThat(new String(segments.header(), StandardCharsets.US_ASCII)).isEqualTo("{}");
        assertThat(new String(segments.payload(), StandardCharsets.US_ASCII)).isEqualTo("{\"a\":1}");
        assertThat(new String(segments.signature(), StandardCharsets.US_ASCII)).isEqualTo("sig");
    }

    @ParameterizedTest
    @ValueSource(strings = {"e31.e30.c2ln", "e30.e30.c2m", "e30.e30.c2l", "e30.e.c2ln", "e30.e30.c2ln=", "e30.e~0.c2ln"})
    void whenASegmentIsNotCanonicalBase64UrlThenTheTokenComesWithoutSegments(String token) throws Exception {
        // non-zero padding bits (RFC 4648 §3.5), a length no base64 text has, padding, a b64token-only character
        assertThat(extractor.extract(List.of("Bearer " + token)).token().segments()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AA.\uD83D\uDE00\uD83D\uDE00.", "AA.AAA\uD83D\uDE00\uD83D\uDE00.", "\uD83D\uDE00",
            "e30.e30.c2ln\uD83D\uDE00"})
    void whenTheTokenHasACharacterBeyondTheBmpThenItIsNoB64Token(String token) {
        // one character, two UTF-16 units, one '?' in Latin-1: the bytes are shorter than the text
        assertThat(TokenExtractor.scan(token, 0, token.length())).isNull();
        assertThat(Base64Url.decode(token, 0, token.length())).isNull();
    }

    /**
     * Whatever the characters, the one reading agrees with the RFCs read one by one: b64token syntax (RFC 6750
     * §2.1), the dots, base64url only (RFC 4648 §5), and for a compact JWS each segment decoded only if it is the
     * canonical spelling of its bytes (what the JDK's lenient decoder reads and encodes back to the same text).
     */
    @Test
    void whenAnyTextIsReadThenTheScanAgreesWithTheRfcsCharacterByCharacter() {
        var b64token = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
        var base64Url = Pattern.compile("[A-Za-z0-9._-]*");
        Fuzz.run(TokenExtractorTest::randomToken, text -> {
            var token = TokenExtractor.scan(text, 0, text.length());
            if (!b64token.matcher(text).matches()) {
                assertThat(token).isNull();
                return;
            }
            assertThat(token.dots()).isEqualTo((int) text.chars().filter(c -> c == '.').count());
            assertThat(token.firstDot()).isEqualTo(text.indexOf('.'));
            assertThat(token.secondDot()).isEqualTo(token.firstDot() < 0 ? -1 : text.indexOf('.', token.firstDot() + 1));
            assertThat(token.base64UrlOnly()).isEqualTo(base64Url.matcher(text).matches());
            if (!token.isCompactJws()) {
                assertThat(token.segments()).isNull();
                return;
            }
            var parts = text.split("\\.", -1);
            var expected = Arrays.stream(parts).map(TokenExtractorTest::canonical).toList();
            if (expected.contains(null)) {
                assertThat(token.segments()).isNull();
            } else {
                assertThat(token.segments().header()).isEqualTo(expected.get(0));
                assertThat(token.segments().payload()).isEqualTo(expected.get(1));
                assertThat(token.segments().signature()).isEqualTo(expected.get(2));
            }
        });
    }

    /** The bytes a segment spells if it is their canonical unpadded base64url, else null. */
    private static byte[] canonical(String segment) {
        try {
            var bytes = Base64.getUrlDecoder().decode(segment);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Mostly token-like text: base64url runs and dots, now and then another b64token character, '=', or worse. */
    private static String randomToken(Random random) {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // beyond Latin-1 too, and beyond the BMP: a pair, and a lone high surrogate
        var rare = new String[] {"~", "+", "/", "=", " ", "\u00e9", "\u0100", "\u0000", "\"", "\uD83D\uDE00", "\uD83D"};
        var text = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(20);
            text.append(pick < 15 ? String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())))
                    : pick < 18 ? "." : rare[random.nextInt(rare.length)]);
        }
        return text.toString();
    }

    @Test
    void whenThereIsNoAuthorizationHeaderThenCredentialsAreMissing() {
        assertThat(errorOf(null, extractor)).isEqualTo(new BearerError.MissingCredentials());
        assertThat(errorOf(List.of(), extractor)).isEqualTo(new BearerError.MissingCredentials());
        assertThat(errorOf(List.of(""), extractor)).isEqualTo(new BearerError.MissingCredentials());
    }

    @Test
    void whenSchemeIsAnotherOneThenCredentialsAreMissing() {
        assertThat(errorOf(List.of("Basic dXNlcjpwYXNz"), extractor)).isEqualTo(new BearerError.MissingCredentials());
        assertThat(errorOf(List.of("Bearerabc"), extractor)).isEqualTo(new BearerError.MissingCredentials());
    }

    @Test
    void whenThereAreTwoAuthorizationHeadersThenTheRequestIsInvalid() {
        assertThat(errorOf(List.of("Bearer a", "Bearer b"), extractor))
                .isEqualTo(new BearerError.Refused(Reason.MULTIPLE_AUTHORIZATION_HEADERS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer a b", "Bearer a=b", "Bearer ==", "Bearer a,b", "Bearer \"abc\"",
            "Bearer abc\u00e9", "Bearer a\tb"})
    void whenTokenSyntaxIsWrongThenTheRequestIsInvalid(String header) {
        assertThat(errorOf(List.of(header), extractor))
                .isEqualTo(new BearerError.Refused(Reason.MALFORMED_AUTHORIZATION));
    }

    @Test
    void whenTokenIsLongerThanTheCapThenTheRequestIsInvalid() {
        var chars = new char[65];
        Arrays.fill(chars, 'a');

        assertThat(errorOf(List.of("Bearer " + new String(chars)), extractor))
                .isEqualTo(new BearerError.Refused(Reason.TOKEN_TOO_LONG));
    }

    @Test
    void whenHeaderIs200KilobytesThenItIsRefusedCheaply() {
        var chars = new char[200 * 1024];
        Arrays.fill(chars, 'a');

        assertThatThrownBy(() -> new TokenExtractor(16384).extract(List.of("Bearer " + new String(chars))))
                .isInstanceOf(BearerException.class);
    }

    @Test
    void whenTheHeaderIsOnlyControlCharactersThenThereAreNoCredentials() {
        var extractor = new TokenExtractor(100);

        for (var value : List.of("\u0001", " \u0007 ", "\u0000\u001f", "\u007f", "\t\u0001\t")) {
            assertThat(errorOf(List.of(value), extractor)).as("%s", value.chars().boxed().toList())
                    .isEqualTo(new BearerError.MissingCredentials());
        }
    }

    @Test
    void whenTheSchemeIsFollowedByControlCharactersOnlyThenTheRequestIsMalformed() {
        var extractor = new TokenExtractor(100);

        assertThat(errorOf(List.of("Bearer \u0001"), extractor))
                .isEqualTo(new BearerError.Refused(Reason.MALFORMED_AUTHORIZATION));
    }

    @Test
    void whenAScannedTokenIsPrintedThenItsTextIsNot() {
        var token = BearerToken.of("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl");

        assertThat(token.toString()).isEqualTo("BearerToken[49 characters, 2 dots, base64url only]");
        assertThat(BearerToken.of("a~b").toString()).isEqualTo("BearerToken[3 characters, 0 dots]");
    }
}
