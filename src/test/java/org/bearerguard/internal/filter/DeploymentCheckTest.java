package org.bearerguard.internal.filter;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What would silently guard nothing fails the start: bearer-guard's ServletContainerInitializer not run, resource
 * paths without the path JAX-RS serves at.
 */
class DeploymentCheckTest {

    private static JwksServer issuer;

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static Pipeline pipeline(TestConfig config) {
        return new Pipeline(config.build());
    }

    /**
     * Left out of the application's scan (a web.xml absolute-ordering without it), the library's jar has its
     * initializer skipped, and on OpenLiberty its JAX-RS provider too: @BearerProtected resources would answer
     * without a token. CDI still finds its beans, so the start fails whatever is configured.
     */
    @Test
    void whenTheInitializerDidNotRunThenTheStartFailsWhateverIsConfigured() {
        for (var config : java.util.List.of(TestConfig.issuer(issuer.issuer()),
                TestConfig.issuer(issuer.issuer()).with("bearer.servlet.paths", "/mcp"),
                TestConfig.issuer(issuer.issuer()).with("bearer.resource", "https://api.example.com"))) {
            try (var p = pipeline(config)) {
                assertThatThrownBy(() -> p.authenticator().checkWebApplication(false, false))
                        .isInstanceOf(BearerConfigException.class)
                        .hasMessage("bearer-guard's ServletContainerInitializer did not run for this application:"
                                + " its jar is left out of the application's scan (a web.xml absolute-ordering"
                                + " without <others/>?), so neither its servlet filter nor, on some servers, its"
                                + " JAX-RS filter would guard anything. Add <others/> to the absolute-ordering");
                assertThatCode(() -> p.authenticator().checkWebApplication(true, false)).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void whenResourcePathsAreSetButJaxRsHasNoOnePathThenTheStartFails() {
        try (var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.resource", "https://api.example.com")
                .with("bearer.resource.paths", "/api/orders"))) {
            assertThatThrownBy(() -> p.authenticator().checkWebApplication(true, true))
                    .isInstanceOf(BearerConfigException.class)
                    .hasMessage("bearer.resource.paths needs the path JAX-RS serves at: give the application one"
                            + " @ApplicationPath or one servlet-mapping");
        }
    }

    @Test
    void whenJaxRsHasNoOnePathButNoResourcePathsAreSetThenTheStartGoesOn() {
        try (var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.resource", "https://api.example.com"))) {
            assertThatCode(() -> p.authenticator().checkWebApplication(true, true)).doesNotThrowAnyException();
        }
    }
}
