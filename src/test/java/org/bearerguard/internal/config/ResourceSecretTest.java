package org.bearerguard.internal.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * A configuration error is logged by the server at deployment: a {@code bearer.resource} with user info is refused
 * without quoting it, as every other URL property is.
 */
class ResourceSecretTest {

    @Test
    void whenTheResourceCarriesUserInfoThenTheMessageDoesNotQuoteThePassword() {
        assertThatThrownBy(() -> TestConfig.issuer("https://id.example.com")
                .with("bearer.resource", "https://svc:s3cr3t-Passw0rd@api.example.com/shop").build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessageStartingWith("bearer.resource must be")
                .hasMessageNotContaining("s3cr3t-Passw0rd");
    }
}
