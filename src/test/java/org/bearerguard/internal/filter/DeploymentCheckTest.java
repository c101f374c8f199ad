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
 * A setting that would silently guard nothing fails the start: metadata and servlet paths need bearer-guard's
 * ServletContainerInitializer to have run, resource paths need the path JAX-RS serves at.
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

    @Test
    void whenServletPathsAreGuardedButTheInitializerDidNotRunThenTheStartFails() {
        try (var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.servlet.paths", "/mcp"))) {
            assertThatThrownBy(() -> p.authenticator().checkDeployment(false, false))
                    .isInstanceOf(BearerConfigException.class)
                    .hasMessage("bearer-guard's ServletContainerInitializer did not run for this application, so"
                            + " bearer.servlet.paths would do nothing: does web.xml have an absolute-ordering that"
                            + " leaves bearer-guard's jar out? Add <others/> to it");
            assertThatCode(() -> p.authenticator().checkDeployment(true, false)).doesNotThrowAnyException();
        }
    }

    @Test
    void whenMetadataIsOnButTheInitializerDidNotRunThenTheStartFails() {
        try (var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.resource", "https://api.example.com"))) {
            assertThatThrownBy(() -> p.authenticator().checkDeployment(false, false))
                    .isInstanceOf(BearerConfigException.class).hasMessageContaining("so bearer.resource (metadata)");
        }
    }

    @Test
    void whenResourcePathsAreSetButJaxRsHasNoOnePathThenTheStartFails() {
        try (var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.resource", "https://api.example.com")
                .with("bearer.resource.paths", "/api/orders"))) {
            assertThatThrownBy(() -> p.authenticator().checkDeployment(true, true))
                    .isInstanceOf(BearerConfigException.class)
                    .hasMessage("bearer.resource.paths needs the path JAX-RS serves at: give the application one"
                            + " @ApplicationPath or one servlet-mapping");
        }
    }

    @Test
    void whenNothingNeedsTheInitializerThenTheStartGoesOnWithoutIt() {
        try (var p = pipeline(TestConfig.issuer(issuer.issuer()))) {
            assertThatCode(() -> p.authenticator().checkDeployment(false, true)).doesNotThrowAnyException();
        }
    }
}
