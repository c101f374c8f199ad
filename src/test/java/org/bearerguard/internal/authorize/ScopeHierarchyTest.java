package org.bearerguard.internal.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code bearer.scope-implications}: what a granted scope meets besides itself. */
class ScopeHierarchyTest {

    private static final ScopeHierarchy SHOP = ScopeHierarchy.of(Map.of(
            "orders:write", List.of("orders:read"),
            "orders:admin", List.of("orders:*"),
            "orders:*", List.of("orders:*"),
            "admin", List.of("orders:admin", "audit:read"),
            "audit:read", List.of("audit:list")));

    @Test
    void whenNoRulesAreConfiguredThenARequiredScopeIsMetOnlyByItself() {
        var exact = ScopeHierarchy.of(Map.of());

        assertThat(exact.grants(Set.of("orders:read"), "orders:read")).isTrue();
        assertThat(exact.grants(Set.of("orders:write"), "orders:read")).isFalse();
        assertThat(exact.grants(Set.of("orders:*"), "orders:read")).as("no wildcard unless configured").isFalse();
    }

    @Test
    void whenAScopeImpliesAnotherThenItMeetsItButNotTheOtherWayRound() {
        assertThat(SHOP.grants(Set.of("orders:write"), "orders:read")).isTrue();
        assertThat(SHOP.grants(Set.of("orders:read"), "orders:write")).isFalse();
    }

    @Test
    void whenAScopeImpliesAPrefixThenItMeetsEveryScopeStartingWithIt() {
        assertThat(SHOP.grants(Set.of("orders:admin"), "orders:refund")).isTrue();
        assertThat(SHOP.grants(Set.of("orders:*"), "orders:read")).as("the wildcard scope itself, configured")
                .isTrue();
        assertThat(SHOP.grants(Set.of("orders:admin"), "ordersx")).isFalse();
        assertThat(SHOP.grants(Set.of("orders:admin"), "audit:read")).isFalse();
    }

    @Test
    void whenRulesChainThenTheirImplicationsAddUp() {
        assertThat(SHOP.grants(Set.of("admin"), "orders:refund")).as("admin → orders:admin → orders:*").isTrue();
        assertThat(SHOP.grants(Set.of("admin"), "audit:list")).as("admin → audit:read → audit:list").isTrue();
        assertThat(ScopeHierarchy.of(Map.of("a", List.of("x:*"), "x:y", List.of("z"))).grants(Set.of("a"), "z"))
                .as("through a rule whose scope the prefix covers").isTrue();
    }

    @Test
    void whenRulesFormACycleThenTheHierarchyIsStillBuiltAndBounded() {
        var cycle = ScopeHierarchy.of(Map.of("a", List.of("b"), "b", List.of("a", "c")));

        assertThat(cycle.grants(Set.of("a"), "c")).isTrue();
        assertThat(cycle.grants(Set.of("c"), "a")).isFalse();
    }

    @Test
    void whenEveryRequiredScopeIsMetThenAllAreGranted() {
        assertThat(SHOP.grantsAll(Set.of("orders:write", "audit:read"), List.of("orders:read", "audit:list")))
                .isTrue();
        assertThat(SHOP.grantsAll(Set.of("orders:write"), List.of("orders:read", "audit:list"))).isFalse();
    }
}
