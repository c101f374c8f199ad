package org.bearerguard.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * JSR 250 on a CDI bean's methods, as on resources: every level of the bean's hierarchy counts (the class, each
 * superclass, each interface), and at each level the method's annotation replaces its type's.
 */
class RoleRulesTest {

    @RolesAllowed("auditor")
    static class Audit {
        public void byClass() {
        }

        @RolesAllowed({"admin", "owner"})
        public void byMethod() {
        }

        @PermitAll
        public void open() {
        }

        @DenyAll
        public void never() {
        }
    }

    static class Plain {
        public void anything() {
        }
    }

    static class Base {
        public void inherited() {
        }
    }

    @RolesAllowed("auditor")
    static class Derived extends Base {
    }

    interface Guarded {
        @RolesAllowed("owner")
        void declared();
    }

    static class Implementation implements Guarded {
        @Override
        public void declared() {
        }
    }

    @RolesAllowed("auditor")
    static class Sub extends Audit {
    }

    private static RoleRules rules(Class<?> type, String method) throws NoSuchMethodException {
        return RoleRules.of(type, type.getMethod(method));
    }

    @Test
    void whenOnlyTheClassNamesRolesThenACallerInOneIsAdmitted() throws Exception {
        assertThat(rules(Audit.class, "byClass").admits(Set.of("user", "auditor"))).isTrue();
        assertThat(rules(Audit.class, "byClass").admits(Set.of("user"))).isFalse();
    }

    @Test
    void whenTheMethodNamesRolesThenTheyReplaceTheClasses() throws Exception {
        assertThat(rules(Audit.class, "byMethod").admits(Set.of("auditor"))).isFalse();
        assertThat(rules(Audit.class, "byMethod").admits(Set.of("owner"))).isTrue();
    }

    @Test
    void whenTheMethodIsPermitAllThenEvenNoCallerIsAdmitted() throws Exception {
        assertThat(rules(Audit.class, "open").admits(null)).isTrue();
    }

    @Test
    void whenTheMethodIsDenyAllThenNobodyIsAdmitted() throws Exception {
        assertThat(rules(Audit.class, "never").admits(Set.of("auditor"))).isFalse();
    }

    @Test
    void whenRolesAreNeededAndThereIsNoVerifiedCallerThenRefused() throws Exception {
        assertThat(rules(Audit.class, "byClass").admits(null)).isFalse();
    }

    @Test
    void whenNothingIsAnnotatedThenOpen() throws Exception {
        assertThat(rules(Plain.class, "anything").open()).isTrue();
    }

    @Test
    void whenTheBeanClassNamesRolesThenAnInheritedMethodIsNotOpen() throws Exception {
        assertThat(rules(Derived.class, "inherited").admits(null)).isFalse();
        assertThat(rules(Derived.class, "inherited").admits(Set.of("auditor"))).isTrue();
    }

    @Test
    void whenAnInterfaceNamesRolesThenTheImplementationNeedsThem() throws Exception {
        assertThat(rules(Implementation.class, "declared").admits(Set.of("user"))).isFalse();
        assertThat(rules(Implementation.class, "declared").admits(Set.of("owner"))).isTrue();
    }

    @Test
    void whenTwoLevelsNameRolesThenTheCallerNeedsOneOfEach() throws Exception {
        assertThat(rules(Sub.class, "byMethod").admits(Set.of("owner"))).isFalse();
        assertThat(rules(Sub.class, "byMethod").admits(Set.of("owner", "auditor"))).isTrue();
    }

    @Test
    void whenOneLevelPermitsAllThenAnotherLevelStillCounts() throws Exception {
        assertThat(rules(Sub.class, "open").admits(null)).isFalse();
        assertThat(rules(Sub.class, "open").admits(Set.of("auditor"))).isTrue();
    }

    @Test
    void whenThePropertyIsOnInAnySpellingThenEnabledElseNot() {
        assertThat(BearerExtension.enabled(Optional.of(" ON "))).isTrue();
        assertThat(BearerExtension.enabled(Optional.of("off"))).isFalse();
        assertThat(BearerExtension.enabled(Optional.empty())).isFalse();
    }
}
