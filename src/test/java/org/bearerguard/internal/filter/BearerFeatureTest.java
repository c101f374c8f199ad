package org.bearerguard.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.bearerguard.testing.Resources.Admin;
import org.bearerguard.testing.Resources.Catalog;
import org.bearerguard.testing.Resources.Crud;
import org.junit.jupiter.api.Test;

/** Which resource methods get a filter, with which rules, and what fails the application's start. */
class BearerFeatureTest {

    /** As on a server: the servlet container ran bearer-guard's initializer, which found no application path. */
    @org.junit.jupiter.api.BeforeAll
    static void initializerRan() {
        org.bearerguard.internal.metadata.JaxRsPaths.applicationPath(null);
    }



    @BearerProtected(issuers = "nobody")
    public static class UnknownIssuer extends Crud {
    }

    @Path("open")
    public static class Open extends Crud {
    }

    @Path("roles-only")
    @RolesAllowed("staff")
    public static class RolesOnly extends Crud {
    }

    /** No {@code @Path}: only reachable through a locator. */
    public static class SubResource extends Crud {
    }

    private final Pipeline pipeline = new Pipeline(TestConfig.issuer("https://issuer.example").build());
    private final BearerFeature feature = new BearerFeature(pipeline::authenticator, () -> {
        throw new IllegalStateException("not asked at deployment");
    });

    @AfterEach
    void close() {
        pipeline.close();
    }

    private FilterFixtures.Registrations configure(Class<?> type) throws Exception {
        var registrations = new FilterFixtures.Registrations();
        feature.configure(FilterFixtures.resource(type, type.getMethod("get", String.class)), registrations.context);
        return registrations;
    }

    @Test
    void whenTwoResourceClassesServeOneInheritedMethodThenEachFilterHasItsOwnClassRules() throws Exception {
        var catalog = configure(Catalog.class);
        var admin = configure(Admin.class);

        assertThat(((BearerFilter) catalog.components.get(0)).requirement()).isEqualTo(Requirement.NONE);
        assertThat(((BearerFilter) admin.components.get(0)).requirement().roleGroups()).containsExactly(java.util.List.of("admin"));
        assertThat(admin.priorities).containsExactly(Priorities.AUTHENTICATION);
    }

    @Test
    void whenNothingAsksForABearerTokenThenNoFilterIsRegistered() throws Exception {
        assertThat(configure(Open.class).components).isEmpty();
    }

    @Test
    void whenASubResourceDeclaresNothingThenItGetsAFilterThatInheritsItsParentsProtection() throws Exception {
        var registered = configure(SubResource.class);

        assertThat(registered.components).hasSize(1);
        assertThat(((BearerFilter) registered.components.get(0)).requirement()).isNull(); // known per request
    }

    @Test
    void whenAnAnnotationNamesAnUnconfiguredIssuerThenTheStartFailsNamingClassMethodAndName() {
        assertThatThrownBy(() -> configure(UnknownIssuer.class))
                .isInstanceOf(BearerConfigException.class)
                .hasMessage("@BearerProtected on " + UnknownIssuer.class.getName() + ".get names issuer 'nobody',"
                        + " which no configuration defines (configured: default)");
    }

    @Test
    void whenRolesAllowedStandsWithoutBearerProtectedThenAWarningSaysBearerGuardDoesNotGuardIt() throws Exception {
        try (var log = new LogCapture()) {
            assertThat(configure(RolesOnly.class).components).isEmpty();

            assertThat(log.lines()).containsExactly("WARNING bearer-guard: " + RolesOnly.class.getName()
                    + ".get has @RolesAllowed or @DenyAll but no @BearerProtected: bearer-guard does not guard it");
        }
    }
}
