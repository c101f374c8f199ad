package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.bearerguard.testkit.TestIssuer;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A resource names an issuer ({@code @BearerProtected(issuers = "partner")}) that the configuration does not
 * define: the JAX-RS application must not start, so nothing of it is served, protected or not. Payara Server refuses
 * the deployment, naming the cause; Payara Micro fails it too but reports it deployed (404); OpenLiberty starts
 * JAX-RS applications on their first request, which then fails (500). See {@link RefusedDeployment}.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MisconfiguredIT {

    private static final String APP = "misconfigured";
    private static final TestIssuer ISSUER = TestIssuer.start();

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive app() {
        return Deployments.guardedApp(APP, ISSUER);
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    static boolean accepted() {
        return RefusedDeployment.accepted(APP);
    }

    @Test
    @Order(1)
    void whenAnAnnotationNamesAnUnconfiguredIssuerThenTheServerRefusesTheApplicationOrItStartsNothing() {
        RefusedDeployment.deploy(deployer, APP, "names issuer 'partner', which no configuration defines");
    }

    @Test
    @Order(2)
    @EnabledIf("accepted")
    void whenTheServerAcceptedTheDeploymentThenTheApplicationServesNothing(
            @ArquillianResource @OperateOnDeployment(APP) URL deployment) {
        try {
            var http = new Http(deployment);

            var health = http.get("api/health");
            var me = http.bearer("api/me", ISSUER.token().username("alice").build());

            assertThat(health.statusCode()).isIn(404, 500);
            assertThat(me.statusCode()).isIn(404, 500);
            assertThat(me.body()).doesNotContain("alice");
        } finally {
            deployer.undeploy(APP);
        }
    }
}
