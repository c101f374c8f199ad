package org.bearerguard.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code Access-Control-Expose-Headers} with {@code WWW-Authenticate} in it, the rest kept. */
class ExposedHeadersTest {

    @Test
    void whenNothingIsExposedThenTheChallengeIs() {
        assertThat(ExposedHeaders.with(null, "WWW-Authenticate")).isEqualTo("WWW-Authenticate");
        assertThat(ExposedHeaders.with(" ", "WWW-Authenticate")).isEqualTo("WWW-Authenticate");
    }

    @Test
    void whenOtherHeadersAreExposedThenTheChallengeIsAppended() {
        assertThat(ExposedHeaders.with("Mcp-Session-Id", "WWW-Authenticate"))
                .isEqualTo("Mcp-Session-Id, WWW-Authenticate");
        assertThat(ExposedHeaders.with("*", "WWW-Authenticate")).as("no wildcard for credentialed requests")
                .isEqualTo("*, WWW-Authenticate");
    }

    @Test
    void whenTheChallengeIsExposedAlreadyInAnyCaseThenTheListIsKept() {
        assertThat(ExposedHeaders.with("ETag, www-authenticate", "WWW-Authenticate"))
                .isEqualTo("ETag, www-authenticate");
    }
}
