package org.bearerguard.internal.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
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

        assertThat(jws).isEqualTo(new BearerToken("ab.cd-_.ef", 2, 7, 2, true));
        assertThat(jws.isCompactJws()).isTrue();
        assertThat(notBase64Url.base64UrlOnly()).isFalse();
        assertThat(notBase64Url.isCompactJws()).isFalse();
        assertThat(extractor.extract(List.of("Bearer a.b.c.d.e")).token().isCompactJws()).isFalse();
        assertThat(extractor.extract(List.of("Bearer .b.c")).token().isCompactJws()).isFalse();
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
