package org.bearerguard.internal.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.testing.TestPrincipals;
import org.junit.jupiter.api.Test;

/** Scopes (all), roles (any), JSR 250 annotations; the method's annotation replaces the class's. */
class RequirementTest {

    @BearerProtected(scopes = "orders:read", roles = {"admin", "ops"})
    @RolesAllowed("staff")
    static class Resource {
        public void inherits() {
        }

        @BearerProtected(scopes = {"a", "b"})
        public void ownScopes() {
        }

        @PermitAll
        public void permitAll() {
        }

        @DenyAll
        public void denyAll() {
        }
    }

    private static Requirement of(String method) throws NoSuchMethodException {
        return ResourceRules.of(Resource.class, Resource.class.getMethod(method)).orElseThrow();
    }

    private static BearerPrincipal principal(Set<String> scopes, Set<String> roles) {
        return TestPrincipals.of(scopes, roles);
    }

    private static BearerError refusal(Requirement r, BearerPrincipal p) {
        try {
            r.check(p);
            return null;
        } catch (BearerException e) {
            return e.error();
        }
    }

    @Test
    void whenMethodHasNoAnnotationThenTheClassOnesApply() throws Exception {
        var r = of("inherits");

        assertThat(refusal(r, principal(Set.of("orders:read"), Set.of("ops", "staff")))).isNull();
        assertThat(refusal(r, principal(Set.of(), Set.of("ops", "staff"))))
                .isEqualTo(new BearerError.Refused(Reason.SCOPE_MISSING, List.of("orders:read")));
        assertThat(refusal(r, principal(Set.of("orders:read"), Set.of("staff"))))
                .isEqualTo(new BearerError.Refused(Reason.ROLE_MISSING));
        assertThat(refusal(r, principal(Set.of("orders:read"), Set.of("admin"))))
                .isEqualTo(new BearerError.Refused(Reason.ROLE_MISSING));
    }

    @Test
    void whenMethodHasItsOwnBearerProtectedThenItReplacesTheClassOne() throws Exception {
        var r = of("ownScopes");

        assertThat(refusal(r, principal(Set.of("a", "b"), Set.of("staff")))).isNull();
        assertThat(refusal(r, principal(Set.of("a"), Set.of("staff"))))
                .isEqualTo(new BearerError.Refused(Reason.SCOPE_MISSING, List.of("a", "b")));
    }

    @Test
    void whenMethodIsPermitAllThenNoRoleIsNeededButTheClassScopesStill() throws Exception {
        var r = of("permitAll");

        assertThat(refusal(r, principal(Set.of("orders:read"), Set.of("admin")))).isNull();
    }

    @Test
    void whenMethodIsDenyAllThenEveryTokenIsRefused() throws Exception {
        assertThat(refusal(of("denyAll"), principal(Set.of("orders:read"), Set.of("admin", "staff"))))
                .isEqualTo(new BearerError.Refused(Reason.ACCESS_DENIED));
    }
}
