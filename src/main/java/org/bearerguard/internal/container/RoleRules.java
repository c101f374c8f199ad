package org.bearerguard.internal.container;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * JSR 250 (Jakarta Annotations 2.1 §3) for one business method of a CDI bean: the method's own annotation, else its
 * declaring class's. {@code @DenyAll} admits nobody, {@code @PermitAll} everybody, {@code @RolesAllowed} a caller in
 * any one of its roles; no annotation at either level admits everybody.
 */
record RoleRules(boolean denyAll, boolean permitAll, List<String> roles) {

    static final RoleRules OPEN = new RoleRules(false, true, List.of());

    static RoleRules of(Method method) {
        var own = level(method.getAnnotation(DenyAll.class), method.getAnnotation(PermitAll.class),
                method.getAnnotation(RolesAllowed.class));
        if (own != null) {
            return own;
        }
        var type = method.getDeclaringClass();
        var declared = level(type.getAnnotation(DenyAll.class), type.getAnnotation(PermitAll.class),
                type.getAnnotation(RolesAllowed.class));
        return declared != null ? declared : OPEN;
    }

    private static RoleRules level(DenyAll deny, PermitAll permit, RolesAllowed roles) {
        if (deny != null) {
            return new RoleRules(true, false, List.of());
        } else if (roles != null) {
            return new RoleRules(false, false, List.of(roles.value()));
        } else if (permit != null) {
            return OPEN;
        }
        return null;
    }

    /** Whether a caller with these roles may call the method; {@code null} roles: no verified caller. */
    boolean admits(Set<String> callerRoles) {
        if (denyAll) {
            return false;
        }
        if (permitAll) {
            return true;
        }
        return callerRoles != null && roles.stream().anyMatch(callerRoles::contains);
    }
}
