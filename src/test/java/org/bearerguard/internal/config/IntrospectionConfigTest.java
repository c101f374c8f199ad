package org.bearerguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** {@code bearer.introspection.*}: off unless asked for, complete when on, one issuer at most, the secret never shown. */
class IntrospectionConfigTest {

    private static final String SECRET = "s3cr3t-introspection-Passw0rd";

    private static TestConfig introspecting() {
        return TestConfig.issuer("https://id.example.com")
                .with("bearer.introspection", "opaque")
                .with("bearer.introspection.client-id", "api")
                .with("bearer.introspection.client-secret", SECRET);
    }

    @Test
    void whenNothingIsSetThenNoIssuerIntrospects() {
        assertThat(TestConfig.issuer("https://id.example.com").build().issuers().get(0).introspection()).isEmpty();
    }

    @Test
    void whenIntrospectionIsOnThenTheDefaultsAreBasicAuthAMinuteTenSecondsAndFiftyCallsASecond() {
        var introspection = introspecting().build().issuers().get(0).introspection().orElseThrow();

        assertThat(introspection.tokens()).isEqualTo(IssuerConfig.IntrospectedTokens.OPAQUE);
        assertThat(introspection.endpoint()).isEqualTo(Optional.empty());
        assertThat(introspection.clientAuth()).isEqualTo(IssuerConfig.ClientAuth.CLIENT_SECRET_BASIC);
        assertThat(introspection.cacheTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(introspection.inactiveCacheTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(introspection.rateLimit()).isEqualTo(50);
        assertThat(introspection.toString()).doesNotContain(SECRET);
    }

    @Test
    void whenTheClientSecretIsMissingThenTheStartFailsNamingIt() {
        assertThatThrownBy(() -> introspecting().without("bearer.introspection.client-secret").build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.introspection.client-secret is required with bearer.introspection=opaque");
    }

    @Test
    void whenTheClientIsSetWithIntrospectionOffThenTheStartFails() {
        assertThatThrownBy(() -> introspecting().with("bearer.introspection", "off").build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessageContaining("is set but bearer.introspection is off")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void whenTheEndpointCarriesCredentialsOrIsPlainHttpElsewhereThenTheStartFailsWithoutQuotingThem() {
        assertThatThrownBy(() -> introspecting().with("bearer.introspection.endpoint",
                "https://api:" + SECRET + "@id.example.com/introspect").build())
                .isInstanceOf(BearerConfigException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> introspecting().with("bearer.introspection.endpoint",
                "http://id.example.com/introspect").build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessageStartingWith("bearer.introspection.endpoint must be an https URL");
    }

    @Test
    void whenTwoIssuersIntrospectThenTheStartFailsForAnOpaqueTokenNamesNoIssuer() {
        assertThatThrownBy(() -> introspecting()
                .with("bearer.issuers.b.issuer", "https://b.example.com")
                .with("bearer.issuers.b.introspection", "all")
                .with("bearer.issuers.b.introspection.client-id", "api")
                .with("bearer.issuers.b.introspection.client-secret", SECRET).build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.introspection is on for issuers default, b: an opaque token names no issuer, so"
                        + " at most one issuer may introspect tokens");
    }

    @Test
    void whenANamedIssuerDoesNotSetIntrospectionThenItDoesNotInheritTheTopLevelClient() {
        var config = introspecting().with("bearer.issuers.b.issuer", "https://b.example.com");

        assertThat(config.build().issuers()).filteredOn(i -> i.name().equals("b"))
                .allMatch(i -> i.introspection().isEmpty());
    }

    @Test
    void whenAnUnknownModeOrClientAuthIsSetThenTheStartFailsSayingWhatIsAllowed() {
        assertThatThrownBy(() -> introspecting().with("bearer.introspection", "jwt").build())
                .hasMessageContaining("off, opaque or all");
        assertThatThrownBy(() -> introspecting().with("bearer.introspection.client-auth", "private_key_jwt").build())
                .hasMessageContaining("client_secret_basic or client_secret_post");
    }
}
