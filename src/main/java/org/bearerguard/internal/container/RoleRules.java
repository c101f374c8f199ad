package org.bearerguard.internal.container;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bearerguard.internal.authorize.ResourceRules;

/**
 * JSR 250 (Jakarta Annotations 2.1 §3) for one business method of a CDI bean, read as bearer-guard reads it on
 * resources ({@link ResourceRules}): every level of the bean's hierarchy counts (the class, each superclass, each
 * interface) and none loosens another; at each level the method's annotation replaces its type's.
 * {@code @DenyAll} admits nobody, each {@code @RolesAllowed} needs one of its roles, {@code @PermitAll} adds nothing;
 * no annotation at any level admits everybody. Stricter than the letter of JSR 250 (where only the declaring class's
 * annotations govern an inherited method) so that a bean whose class names roles never has an open method.
 */
record RoleRules(boolean denyAll, List<List<String>> roleGroups) {

    static RoleRules of(Class<?> beanClass, Method method) {
        boolean denyAll = false;
        var groups = new ArrayList<List<String>>();
        for (var a : ResourceRules.jsr250Levels(beanClass, method)) {
            if (a instanceof DenyAll) {
                denyAll = true;
            } else if (a instanceof RolesAllowed allowed) {
                groups.add(List.of(allowed.value()));
            }
        }
        return new RoleRules(denyAll, List.copyOf(groups));
    }

    /** Whether anybody may call the method, a request without a verified caller included. */
    boolean open() {
        return !denyAll && roleGroups.isEmpty();
    }

    /** Whether a caller with these roles may call the method; {@code null} roles: no verified caller. */
    boolean admits(Set<String> callerRoles) {
        if (open()) {
            return true;
        }
        return !denyAll && callerRoles != null
                && roleGroups.stream().allMatch(group -> group.stream().anyMatch(callerRoles::contains));
    }
}
