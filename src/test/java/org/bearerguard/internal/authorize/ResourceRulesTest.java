package org.bearerguard.internal.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.testing.Resources.Admin;
import org.bearerguard.testing.Resources.Catalog;
import org.bearerguard.testing.Resources.Crud;
import org.junit.jupiter.api.Test;

/**
 * Which rules a resource method gets, for the resource class that serves it: inherited methods, annotations on
 * superclasses and interfaces (README: "Inheritance").
 */
class ResourceRulesTest {


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
        assertThat(admin.roleGroups()).containsExactly(List.of("admin"));
        assertThat(admin.issuers()).containsExactly("default");
    }

    @Test
    void whenTheResourceClassHasRolesAllowedOrDenyAllThenItsInheritedMethodsGetThem() throws Exception {
        assertThat(rules(Clerks.class, "get", String.class).roleGroups()).containsExactly(List.of("clerk"));
        assertThat(rules(Sealed.class, "get", String.class).denyAll()).isTrue();
        assertThat(rules(Catalog.class, "get", String.class).roleGroups()).isEmpty();
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
    void whenAnOverridingMethodHasItsOwnAnnotationThenItAddsToWhatItsSuperclassRequires() throws Exception {
        var own = rules(OverridesWithOwnRules.class, "get", String.class);

        assertThat(own.scopes()).containsExactly("own");
        assertThat(own.roleGroups()).containsExactly(List.of("admin")); // Admin's level still counts
        assertThat(own.issuers()).containsExactly("default");
    }

    @Test
    void whenAMethodHasItsOwnAnnotationThenItReplacesItsOwnClassAnnotation() throws Exception {
        @BearerProtected(roles = "admin")
        class Own {
            @BearerProtected(roles = {"admin", "support"})
            public void delete() {
            }
        }

        assertThat(ResourceRules.of(Own.class, Own.class.getMethod("delete")).orElseThrow().roleGroups())
                .containsExactly(List.of("admin", "support"));
    }

    public interface GenericApi<T> {
        @BearerProtected(roles = "admin")
        void create(T item);
    }

    public static class GenericImpl implements GenericApi<String> {
        @Override
        public void create(String item) {
        }
    }

    public abstract static class GenericBase<T> {
        @BearerProtected(scopes = "write")
        public abstract void save(T item);
    }

    public static class GenericChild extends GenericBase<Integer> {
        @Override
        public void save(Integer item) {
        }
    }

    @Test
    void whenTheAnnotationIsOnAGenericSupertypeMethodThenTheImplementationIsProtected() throws Exception {
        assertThat(rules(GenericImpl.class, "create", String.class).roleGroups()).containsExactly(List.of("admin"));
        assertThat(rules(GenericChild.class, "save", Integer.class).scopes()).containsExactly("write");
    }

    public interface LooseContract {
        @BearerProtected
        @PermitAll
        String get(String id);
    }

    @BearerProtected(roles = "admin", issuers = "internal")
    @RolesAllowed("ops")
    public static class StrictImpl implements LooseContract {
        @Override
        public String get(String id) {
            return id;
        }
    }

    public static class PermitsInSuper extends Sealed {
        @Override
        @PermitAll
        public String get(String id) {
            return id;
        }
    }

    @Test
    void whenASupertypeIsLooserThenItCannotLoosenTheResourceClass() throws Exception {
        var strict = rules(StrictImpl.class, "get", String.class);
        var stillSealed = rules(PermitsInSuper.class, "get", String.class);

        assertThat(strict.roleGroups()).containsExactly(List.of("admin"), List.of("ops"));
        assertThat(strict.issuers()).containsExactly("internal");
        assertThat(stillSealed.denyAll()).isTrue(); // Sealed's class-level @DenyAll counts at its level
    }

    @BearerProtected(issuers = {"a", "a"})
    public static class Duplicates extends Crud {
    }

    @BearerProtected(issuers = "b")
    public static class Disjoint extends Duplicates {
    }

    @Test
    void whenIssuersAreNamedTwiceThenOnceCounts() throws Exception {
        assertThat(rules(Duplicates.class, "get", String.class).issuers()).containsExactly("a");
    }

    @Test
    void whenLevelsAcceptNoIssuerInCommonThenTheStartFailsNamingTheMethod() {
        assertThatThrownBy(() -> rules(Disjoint.class, "get", String.class))
                .isInstanceOf(BearerConfigException.class)
                .hasMessageContaining(Disjoint.class.getName() + ".get");
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

    @BearerProtected(dpop = org.bearerguard.DpopMode.REQUIRED)
    public static class DpopOnly {
        public String get() {
            return "";
        }

        @BearerProtected
        public String byClass() {
            return "";
        }
    }

    public static class DpopOnlyButOff extends DpopOnly {
        @Override
        @BearerProtected(dpop = org.bearerguard.DpopMode.OFF)
        public String get() {
            return "";
        }
    }

    @Test
    void whenTheAnnotationSaysHowDpopIsTakenThenTheRequirementCarriesItAndNoLevelLoosensIt() throws Exception {
        assertThat(rules(DpopOnly.class, "get").dpop()).isEqualTo(org.bearerguard.DpopMode.REQUIRED);
        assertThat(rules(Catalog.class, "get", String.class).dpop()).isEqualTo(org.bearerguard.DpopMode.CONFIGURED);
        // the method's own annotation replaces its class's within one level
        assertThat(rules(DpopOnly.class, "byClass").dpop()).isEqualTo(org.bearerguard.DpopMode.CONFIGURED);
    }

    @Test
    void whenOneLevelSwitchesDpopOffAndAnotherRequiresItThenTheStartFails() {
        assertThatThrownBy(() -> rules(DpopOnlyButOff.class, "get"))
                .isInstanceOf(org.bearerguard.internal.config.BearerConfigException.class)
                .hasMessageContaining("dpop = OFF and dpop = REQUIRED");
    }

    @Test
    void whenASubResourceAndItsParentDisagreeOnDpopThenTheStricterHoldsAndOffWithRequiredAdmitsNobody() {
        var required = new Requirement(List.of(), List.of(), false, java.util.Set.of(),
                org.bearerguard.DpopMode.REQUIRED);
        var allowed = new Requirement(List.of(), List.of(), false, java.util.Set.of(),
                org.bearerguard.DpopMode.ALLOWED);
        var off = new Requirement(List.of(), List.of(), false, java.util.Set.of(), org.bearerguard.DpopMode.OFF);

        assertThat(allowed.and(required).dpop()).isEqualTo(org.bearerguard.DpopMode.REQUIRED);
        assertThat(Requirement.NONE.and(off).dpop()).isEqualTo(org.bearerguard.DpopMode.OFF);
        assertThat(off.and(required).denyAll()).isTrue();
    }
}
