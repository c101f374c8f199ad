package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A resource names an issuer ({@code @BearerProtected(issuers = "partner")}) that the configuration does not
 * define: the JAX-RS application must not start, so nothing of it is served, protected or not. Payara fails the
 * deployment (404); OpenLiberty starts JAX-RS applications on their first request, which then fails (500).
 */
@ExtendWith(ArquillianExtension.class)
class MisconfiguredIT {

    private static final JwksServer ISSUER = JwksServer.start(TestKeys.RSA);

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.guardedApp("misconfigured", ISSUER);
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @Test
    void whenAnAnnotationNamesAnUnconfiguredIssuerThenTheApplicationServesNothing() {
        var http = new Http(deployment);

        var health = http.get("api/health");
        var me = http.bearer("api/me", TestTokens.rs256().issuer(ISSUER.issuer()).build());

        assertThat(health.statusCode()).isIn(404, 500);
        assertThat(me.statusCode()).isIn(404, 500);
        assertThat(me.body()).doesNotContain("alice");
    }
}
