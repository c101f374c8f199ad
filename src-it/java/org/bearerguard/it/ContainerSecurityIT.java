package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TestIssuer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code bearer.jakarta-security=on} on a real server: the container knows the caller bearer-guard verified, so an
 * EJB's and a CDI bean's {@code @RolesAllowed} are enforced with the token's roles and Jakarta Security, the servlet
 * request and the EJB context name the bearer principal, while every refusal is the filter's RFC 6750 response. No
 * server descriptor: not even Payara's {@code jaxrs-roles-allowed-enabled}.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerSecurityIT {

    private static final TestIssuer ISSUER = TestIssuer.start();
    /** The guarded application's resources name a second issuer, "partner". */
    private static final TestIssuer PARTNER = TestIssuer.start("partner-api", SigningKey.ec("partner-1"));
    private static final String ROLE_MISSING = Challenges.bearer(", error=\"insufficient_scope\","
            + " error_description=\"The token lacks a required role\"");

    @ArquillianResource
    private URL deployment;

    private Http http;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.containerApp("container", ISSUER, "bearer.realm=it",
                "bearer.issuers.partner.issuer=" + PARTNER.issuer(),
                "bearer.issuers.partner.audience=" + PARTNER.audience(),
                "bearer.servlet.paths=/audit-servlet");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
        PARTNER.close();
    }

    @BeforeEach
    void client() {
        http = new Http(deployment);
    }

    private static String withRoles(String... roles) {
        return ISSUER.token().username("alice").roles(roles).build();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String challenge) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
    }

    @Test
    void whenProtectedResourceIsCalledThenJakartaSecurityTheServletAndTheEjbContextKnowTheBearerCaller() {
        var response = http.bearer("api/container/caller", withRoles("auditor"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("security=alice bearer=true servlet=alice securityInRole=true"
                + " ejb=alice auditor=true");
    }

    @Test
    void whenTokenLacksTheRoleThenTheContainerSaysSo() {
        var response = http.bearer("api/container/caller", withRoles("user"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("security=alice bearer=true servlet=alice securityInRole=false"
                + " ejb=alice auditor=false");
    }

    @Test
    void whenCdiBeanNeedsARoleTheTokenHasThenItServes() {
        var response = http.bearer("api/container/cdi", withRoles("user", "auditor"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("audit read");
    }

    @Test
    void whenCdiBeanNeedsARoleTheTokenLacksThen403AsFromTheFilter() {
        assertRefused(http.bearer("api/container/cdi", withRoles("user")), 403, ROLE_MISSING);
    }

    @Test
    void whenCdiMethodIsPermitAllThenAnyVerifiedCallerIsServed() {
        var response = http.bearer("api/container/cdi-open", withRoles("user"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("audit open");
    }

    @Test
    void whenCdiMethodIsDenyAllThenEvenTheRightRoleIsRefused() {
        assertRefused(http.bearer("api/container/cdi-denied", withRoles("auditor")), 403, ROLE_MISSING);
    }

    @Test
    void whenCdiBeanNamesItsRoleOnTheClassThenAnInheritedMethodNeedsItToo() {
        assertRefused(http.bearer("api/container/cdi-inherited", withRoles("user")), 403, ROLE_MISSING);

        var response = http.bearer("api/container/cdi-inherited", withRoles("auditor"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("archive list");
    }

    @Test
    void whenAnEjbCallsACdiBeanThatRefusesThen403AsFromTheFilter() {
        assertRefused(http.bearer("api/container/ejb-cdi", withRoles("user")), 403, ROLE_MISSING);
    }

    @Test
    void whenAGuardedServletCallsACdiBeanThatRefusesThen403AsFromTheFilter() {
        assertRefused(http.bearer("audit-servlet", withRoles("user")), 403, ROLE_MISSING);

        var response = http.bearer("audit-servlet", withRoles("auditor"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("audit read");
    }

    @Test
    void whenEjbNeedsARoleTheTokenHasThenItServesTheBearerCaller() {
        var response = http.bearer("api/container/ejb", withRoles("auditor"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ledger read by alice");
    }

    @Test
    void whenEjbNeedsARoleTheTokenLacksThen403AsFromTheFilter() {
        assertRefused(http.bearer("api/container/ejb", withRoles("user")), 403, ROLE_MISSING);
    }

    @Test
    void whenNoTokenThenTheFiltersResponseIsUnchanged() {
        assertRefused(http.get("api/container/caller"), 401, Challenges.BARE);
    }

    @Test
    void whenTokenIsForgedThenTheFiltersResponseIsUnchanged() {
        var forged = ISSUER.token().username("alice").signedWith(SigningKey.rsa(ISSUER.signingKey().kid())).build();

        assertRefused(http.bearer("api/container/caller", forged), 401,
                Challenges.invalidToken("The token signature is invalid"));
    }

    @Test
    void whenResourceIsNotProtectedThenTheContainerCallerStaysAnonymousWhateverTheToken() {
        var response = http.bearer("api/open-container/caller", withRoles("auditor"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("security=null");
    }

    @Test
    void whenUnprotectedResourceCallsARoleCheckedCdiBeanThen401() {
        assertRefused(http.bearer("api/open-container/cdi", withRoles("auditor")), 401, Challenges.BARE);
    }

    @Test
    void whenUnprotectedResourceCallsARoleCheckedEjbThen401() {
        assertRefused(http.bearer("api/open-container/ejb", withRoles("auditor")), 401, Challenges.BARE);
    }
}
