package org.bearerguard.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JSR 250 on a CDI bean's methods: the method's own annotation, else its class's. */
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

    private static RoleRules rules(Class<?> type, String method) throws NoSuchMethodException {
        return RoleRules.of(type.getMethod(method));
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
        assertThat(rules(Plain.class, "anything")).isEqualTo(RoleRules.OPEN);
    }

    @Test
    void whenThePropertyIsOnInAnySpellingThenEnabledElseNot() {
        assertThat(BearerExtension.enabled(Optional.of(" ON "))).isTrue();
        assertThat(BearerExtension.enabled(Optional.of("off"))).isFalse();
        assertThat(BearerExtension.enabled(Optional.empty())).isFalse();
    }
}
