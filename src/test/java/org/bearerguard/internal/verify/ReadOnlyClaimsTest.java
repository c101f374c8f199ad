package org.bearerguard.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bearerguard.testing.RawTokens;
import org.junit.jupiter.api.Test;

/** Claims read again from a verified token's text follow the same rules as the first reading. */
class ReadOnlyClaimsTest {

    private static final String HEADER = RawTokens.b64("{\"alg\":\"RS256\"}");

    @Test
    void whenAVerifiedTokenIsReadAgainThenItsClaimsAreReadOnly() {
        var claims = ReadOnlyClaims.of(HEADER + "." + RawTokens.b64("{\"sub\":\"\u00e9\",\"a\":[1,{\"b\":2}]}") + ".c2ln");

        assertThat(claims).containsEntry("sub", "\u00e9").containsEntry("a", List.of(1L, Map.of("b", 2L)));
        assertThatThrownBy(() -> claims.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) claims.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void whenThePayloadIsNotValidUtf8ThenItIsNotRead() {
        var payload = "{\"sub\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ReadOnlyClaims.of(HEADER + "." + RawTokens.b64(payload) + ".c2ln"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a verified token's payload no longer parses");
    }

    @Test
    void whenThePayloadIsSpelledWithPaddingBitsSetThenItIsNotRead() {
        var payload = CompactJwsTest.withPaddingBitsSet(RawTokens.b64("{\"sub\":\"a\"}"));

        assertThatThrownBy(() -> ReadOnlyClaims.of(HEADER + "." + payload + ".c2ln"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a verified token's payload no longer parses");
    }
}
