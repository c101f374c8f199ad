package org.bearerguard.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §8.8.3 entity-tags: what may be sent back to an issuer in {@code If-None-Match}. */
class EntityTagTest {

    @ParameterizedTest
    @ValueSource(strings = {"\"xyzzy\"", "W/\"xyzzy\"", "\"\"", "\"a-b_c/d=e!\"", "W/\"\""})
    void whenTheValueIsAnEntityTagThenItIsKept(String value) {
        assertThat(EntityTag.of(value)).contains(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyzzy", "\"xyzzy", "xyzzy\"", "\"", "W/xyzzy", "w/\"xyzzy\"", "\"a\"b\"", "\"a b\"",
            "\"a\tb\"", "\"a\r\nX-Injected: 1\"", " \"xyzzy\"", "\"xyzzy\" ", "\"\u0100\"", "", "W/"})
    void whenTheValueIsNotAnEntityTagThenThereIsNone(String value) {
        assertThat(EntityTag.of(value)).isEmpty();
    }

    @Test
    void whenTheTagIsLongerThanAnyServerMakesThenThereIsNone() {
        var longest = "\"" + "a".repeat(EntityTag.MAX_LENGTH - 2) + "\"";

        assertThat(EntityTag.of(longest)).contains(longest);
        assertThat(EntityTag.of("\"" + "a".repeat(EntityTag.MAX_LENGTH - 1) + "\"")).isEmpty();
        assertThat(EntityTag.of(null)).isEmpty();
    }
}
