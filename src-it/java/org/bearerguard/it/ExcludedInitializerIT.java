package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code web.xml} whose {@code <absolute-ordering/>} leaves the library's jar out: the servlet container then runs
 * none of its initializers (no servlet filter, no metadata) and OpenLiberty does not even find its JAX-RS filter, so
 * {@code @BearerProtected} resources would answer without a token. The application must not start, whatever is
 * configured: nothing of it is served, protected or not. Payara Server refuses the deployment, naming the cause;
 * Payara Micro reports it deployed and serves 404 ({@link RefusedDeployment}). Run on Payara only: OpenLiberty
 * refuses to start it as well (CWWKZ0012I), but its Arquillian adapter notices only after its deployment timeout.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExcludedInitializerIT {

    private static final String APP = "excluded";
    private static final JwksServer ISSUER = JwksServer.start(TestKeys.RSA);
    private static final JwksServer PARTNER = JwksServer.start(TestKeys.EC);

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive app() {
        return Deployments.guardedApp(APP, Deployments.mpConfig(ISSUER.issuer(),
                "bearer.issuers.partner.issuer=" + PARTNER.issuer(),
                "bearer.issuers.partner.audience=partner-api"))
                .addAsWebInfResource(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"6.0\"><absolute-ordering/></web-app>"), "web.xml");
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
        PARTNER.close();
    }

    static boolean accepted() {
        return RefusedDeployment.accepted(APP);
    }

    @Test
    @Order(1)
    void whenTheLibrarysInitializerIsLeftOutThenTheServerRefusesTheApplicationOrItStartsNothing() {
        RefusedDeployment.deploy(deployer, APP, "ServletContainerInitializer did not run for this application");
    }

    @Test
    @Order(2)
    @EnabledIf("accepted")
    void whenTheServerAcceptedTheDeploymentThenTheApplicationServesNothing(
            @ArquillianResource @OperateOnDeployment(APP) URL deployment) {
        try {
            var http = new Http(deployment);

            var health = http.get("api/health");
            var me = http.get("api/me");
            var withToken = http.bearer("api/me", TestTokens.rs256().issuer(ISSUER.issuer()).build());

            assertThat(health.statusCode()).isIn(404, 500);
            assertThat(me.statusCode()).isIn(404, 500);
            assertThat(withToken.statusCode()).isIn(404, 500);
            assertThat(withToken.body()).doesNotContain("alice");
        } finally {
            deployer.undeploy(APP);
        }
    }
}
