package org.bearerguard.internal.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.bearerguard.BearerProtected;
import org.junit.jupiter.api.Test;

/** Protection flows from a locator (or its resource) to the sub-resource it returns. */
class SubResourceRulesTest {

    public static class Users {
        @GET
        public String list() {
            return "";
        }
    }

    public static class Accounts {
        @Path("users")
        public Users users() {
            return new Users();
        }
    }

    @Path("admin")
    @BearerProtected(roles = "admin")
    public static class AdminRoot {
        @Path("users")
        public Users users() {
            return new Users();
        }

        @Path("accounts")
        public Accounts accounts() {
            return new Accounts();
        }
    }

    @Path("open")
    public static class OpenRoot {
        @Path("users")
        public Users users() {
            return new Users();
        }

        @Path("audited")
        @BearerProtected(scopes = "audit")
        public Object audited() {
            return new Users();
        }
    }

    @Test
    void whenTheLocatorsResourceIsProtectedThenTheSubResourceInheritsItsRules() {
        assertThat(SubResourceRules.isSubResource(Users.class)).isTrue();
        assertThat(SubResourceRules.isSubResource(AdminRoot.class)).isFalse();

        var rules = SubResourceRules.inherited(Users.class, List.of(AdminRoot.class)).orElseThrow();

        assertThat(rules.roleGroups()).containsExactly(List.of("admin"));
    }

    @Test
    void whenLocatorsAreChainedThenTheProtectionOfAnyAncestorReachesTheLeaf() {
        var rules = SubResourceRules.inherited(Users.class, List.of(Accounts.class, AdminRoot.class));

        assertThat(rules).hasValueSatisfying(r -> assertThat(r.roleGroups()).containsExactly(List.of("admin")));
    }

    @Test
    void whenOnlyOneLocatorIsProtectedThenItsRulesApplyToWhatEveryFittingLocatorReturns() {
        var rules = SubResourceRules.inherited(Users.class, List.of(OpenRoot.class)).orElseThrow();

        assertThat(rules.scopes()).containsExactly("audit");
    }

    @Test
    void whenNothingAboveIsProtectedThenNothingIsInherited() {
        assertThat(SubResourceRules.inherited(Users.class, List.of(Accounts.class))).isEmpty();
    }
}
