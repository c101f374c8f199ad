package org.bearerguard.internal.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import org.bearerguard.BearerProtected;
import org.junit.jupiter.api.Test;

/**
 * Which rules a resource method gets, for the resource class that serves it: inherited methods, annotations on
 * superclasses and interfaces (README: "Inheritance").
 */
class ResourceRulesTest {

    public abstract static class Crud {
        public String get(String id) {
            return id;
        }
    }

    @BearerProtected
    public static class Catalog extends Crud {
    }

    @BearerProtected(roles = "admin", issuers = "default")
    public static class Admin extends Crud {
    }

    @BearerProtected
    @RolesAllowed("clerk")
    public static class Clerks extends Crud {
    }

    @BearerProtected
    @DenyAll
    public static class Sealed extends Crud {
    }

    public static class Open extends Crud {
    }

    @BearerProtected(scopes = "base")
    public abstract static class ProtectedBase {
        public String list() {
            return "";
        }
    }

    public static class InheritsProtection extends ProtectedBase {
    }

    @BearerProtected(scopes = "api")
    public interface ProtectedApi {
        String call();

        @BearerProtected(scopes = "special")
        String special();
    }

    public static class ImplementsApi implements ProtectedApi {
        @Override
        public String call() {
            return "";
        }

        @Override
        public String special() {
            return "";
        }
    }

    public static class OverridesWithOwnRules extends Admin {
        @Override
        @BearerProtected(scopes = "own")
        public String get(String id) {
            return id;
        }
    }

    private static Requirement rules(Class<?> type, String method, Class<?>... params) throws Exception {
        return ResourceRules.of(type, type.getMethod(method, params)).orElseThrow();
    }

    @Test
    void whenOneInheritedMethodIsServedByTwoResourceClassesThenEachGetsItsOwnClassRules() throws Exception {
        var catalog = rules(Catalog.class, "get", String.class);
        var admin = rules(Admin.class, "get", String.class);

        assertThat(Catalog.class.getMethod("get", String.class)).isEqualTo(Admin.class.getMethod("get", String.class));
        assertThat(catalog).isEqualTo(Requirement.NONE);
        assertThat(admin.anyRole()).containsExactly("admin");
        assertThat(admin.issuers()).containsExactly("default");
    }

    @Test
    void whenTheResourceClassHasRolesAllowedOrDenyAllThenItsInheritedMethodsGetThem() throws Exception {
        assertThat(rules(Clerks.class, "get", String.class).rolesAllowed()).containsExactly("clerk");
        assertThat(rules(Sealed.class, "get", String.class).denyAll()).isTrue();
        assertThat(rules(Catalog.class, "get", String.class).rolesAllowed()).isNull();
        assertThat(rules(Catalog.class, "get", String.class).denyAll()).isFalse();
    }

    @Test
    void whenNothingInTheHierarchyIsBearerProtectedThenTheMethodIsNotGuarded() throws Exception {
        assertThat(ResourceRules.of(Open.class, Open.class.getMethod("get", String.class))).isEmpty();
    }

    @Test
    void whenASuperclassIsBearerProtectedThenTheResourceIsProtected() throws Exception {
        assertThat(rules(InheritsProtection.class, "list").scopes()).containsExactly("base");
    }

    @Test
    void whenAnInterfaceOrItsMethodIsBearerProtectedThenTheImplementationIsProtectedByTheNearest() throws Exception {
        assertThat(rules(ImplementsApi.class, "call").scopes()).containsExactly("api");
        assertThat(rules(ImplementsApi.class, "special").scopes()).containsExactly("special");
    }

    @Test
    void whenAnOverridingMethodHasItsOwnAnnotationThenItReplacesTheInheritedClassOne() throws Exception {
        var own = rules(OverridesWithOwnRules.class, "get", String.class);

        assertThat(own.scopes()).containsExactly("own");
        assertThat(own.anyRole()).isEmpty();
    }

    @Test
    void whenRolesAllowedStandsWithoutBearerProtectedThenItIsReportedAsLookingProtected() throws Exception {
        @RolesAllowed("x")
        class Lonely {
            public void m() {
            }
        }

        assertThat(ResourceRules.looksRoleProtected(Lonely.class, Lonely.class.getMethod("m"))).isTrue();
        assertThat(ResourceRules.looksRoleProtected(Open.class, Open.class.getMethod("get", String.class))).isFalse();
    }
}
