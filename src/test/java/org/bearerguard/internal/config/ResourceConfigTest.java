package org.bearerguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** {@code bearer.resource*}, {@code bearer.scope-implications} and {@code bearer.servlet.*}: read, or refused by name. */
class ResourceConfigTest {

    private static final String ISSUER = "https://id.example.com";

    private static TestConfig withResource() {
        return TestConfig.issuer(ISSUER).without("bearer.audience").with("bearer.resource", "https://api.example.com/shop");
    }

    @Test
    void whenAResourceIsConfiguredWithoutAudienceThenItsIdentifiersAreTheAudience() {
        var config = withResource().with("bearer.resource.paths", "/mcp,/api/orders").build();

        var issuer = config.issuers().get(0);
        assertThat(issuer.audiences()).hasValue(Set.of("https://api.example.com/shop",
                "https://api.example.com/shop/mcp", "https://api.example.com/shop/api/orders"));
        assertThat(issuer.audienceIsResource()).isTrue();
        assertThat(config.resource().orElseThrow().paths()).containsExactly("/mcp", "/api/orders");
    }

    @Test
    void whenAnAudienceIsConfiguredBesidesThenItIsTheAudience() {
        var issuer = withResource().with("bearer.audience", "api").build().issuers().get(0);

        assertThat(issuer.audiences()).hasValue(Set.of("api"));
        assertThat(issuer.audienceIsResource()).isFalse();
    }

    @Test
    void whenNeitherResourceNorAudienceIsSetThenTheMessageNamesBoth() {
        assertThatThrownBy(() -> TestConfig.issuer(ISSUER).without("bearer.audience").build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessageContaining("bearer.audience is required").hasMessageContaining("bearer.resource");
    }

    @Test
    void whenTheResourceIsNotAnHttpsUrlWithoutTrailingSlashQueryOrFragmentThenTheStartFails() {
        for (var bad : List.of("http://api.example.com/shop", "https://api.example.com/shop/",
                "https://api.example.com/shop?x=1", "https://api.example.com/shop#f", "https://u:p@api.example.com",
                "/shop", "urn:shop")) {
            assertThatThrownBy(() -> TestConfig.issuer(ISSUER).with("bearer.resource", bad).build()).as(bad)
                    .isInstanceOf(BearerConfigException.class).hasMessageStartingWith("bearer.resource must be");
        }
        assertThat(TestConfig.issuer(ISSUER).with("bearer.resource", "http://127.0.0.1:9080/demo").build()
                .resource()).as("loopback http").isPresent();
    }

    @Test
    void whenAUrlWithAPasswordHasAHostJavaNetUriCannotParseThenNoMessageEchoesThePassword() {
        // an underscore in the host: java.net.URI falls back to a registry-based authority, whose getRawUserInfo()
        // and getHost() are null, so the user-info check passes it on to a check that echoes the value
        var withPassword = "https://svc:s3cret@my_host.example";
        assertThatThrownBy(() -> TestConfig.issuer(ISSUER).with("bearer.resource", withPassword).build())
                .as("bearer.resource").isInstanceOf(BearerConfigException.class).message().doesNotContain("s3cret");
        assertThatThrownBy(() -> TestConfig.issuer(withPassword).build())
                .as("bearer.issuer").isInstanceOf(BearerConfigException.class).message().doesNotContain("s3cret");
    }

    @Test
    void whenAResourcePathIsMalformedThenTheStartNamesIt() {
        for (var bad : List.of("mcp", "/mcp/", "/a//b", "/a/../b", "/a/%2e", "/.well-known/x", "/a b", "/*")) {
            assertThatThrownBy(() -> withResource().with("bearer.resource.paths", bad).build()).as(bad)
                    .isInstanceOf(BearerConfigException.class).hasMessageStartingWith("bearer.resource.paths must be");
        }
    }

    @Test
    void whenResourceSettingsComeWithoutAResourceThenTheStartSaysWhatIsMissing() {
        assertThatThrownBy(() -> TestConfig.issuer(ISSUER).with("bearer.resource.paths", "/mcp").build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.resource.paths needs bearer.resource: the resource identifier it belongs to");
    }

    @Test
    void whenScopeImplicationsAreConfiguredThenTheyAreReadRuleByRule() {
        var config = withResource().with("bearer.scope-implications",
                "orders:write -> orders:read; orders:admin -> orders:* audit:read;").build();

        assertThat(config.scopeImplications()).isEqualTo(Map.of("orders:write", List.of("orders:read"),
                "orders:admin", List.of("orders:*", "audit:read")));
    }

    @Test
    void whenAScopeImplicationIsMalformedThenTheStartNamesTheRule() {
        for (var bad : List.of("orders:write orders:read", "-> x", "a ->", "a -> b; a -> c", "a\"b -> c")) {
            assertThatThrownBy(() -> withResource().with("bearer.scope-implications", bad).build()).as(bad)
                    .isInstanceOf(BearerConfigException.class)
                    .hasMessageStartingWith("bearer.scope-implications must be");
        }
    }

    @Test
    void whenServletSettingsAreConfiguredThenPathsScopesAndToolScopesAreRead() {
        var servlet = withResource().with("bearer.servlet.paths", "/mcp, /mcp/*").with("bearer.servlet.scopes", "mcp")
                .with("bearer.servlet.mcp-tool-scopes", "list_orders -> orders:read").build().servlet();

        assertThat(servlet.paths()).containsExactly("/mcp", "/mcp/*");
        assertThat(servlet.scopes()).containsExactly("mcp");
        assertThat(servlet.toolScopes()).isEqualTo(Map.of("list_orders", List.of("orders:read")));
        assertThat(servlet.maxBodyBytes()).isEqualTo(1048576);
    }

    @Test
    void whenServletScopesComeWithoutPathsThenTheStartFails() {
        assertThatThrownBy(() -> withResource().with("bearer.servlet.scopes", "mcp").build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.servlet.scopes needs bearer.servlet.paths: the paths it applies to");
        assertThatThrownBy(() -> withResource().with("bearer.servlet.paths", "mcp").build())
                .isInstanceOf(BearerConfigException.class).hasMessageStartingWith("bearer.servlet.paths must be");
    }
}
