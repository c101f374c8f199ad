package org.bearerguard.internal.authorize;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * What a sub-resource inherits from the resources that located it (Jakarta REST 3.1 §3.4.1): a sub-resource class
 * has no {@code @Path} of its own and is reached through a locator method of a parent resource. When the parent's
 * locator is protected (by {@link org.bearerguard.BearerProtected} on the locator, the parent class or its
 * supertypes), so is everything the locator returns, unless the sub-resource declares its own protection.
 *
 * <p>The runtime hands a sub-resource method to the feature without its parent, so this is read per request from
 * the matched resources (nearest parent first), up a chain of locators. A parent with several locators whose return
 * type fits: all the protected ones apply together.
 */
public final class SubResourceRules {

    private SubResourceRules() {
    }

    /** Whether no class in the hierarchy has {@code @Path}: then it is only reachable through a locator. */
    public static boolean isSubResource(Class<?> type) {
        return ResourceRules.hierarchy(type).stream().noneMatch(c -> c.isAnnotationPresent(Path.class));
    }

    /**
     * The protection a sub-resource of type {@code subResource} inherits from its nearest protected parent among
     * {@code parents} (nearest first); empty when none is protected.
     */
    public static Optional<Requirement> inherited(Class<?> subResource, List<Class<?>> parents) {
        var located = subResource;
        for (var parent : parents) {
            Requirement combined = null;
            for (var locator : parent.getMethods()) {
                if (isLocator(locator) && locator.getReturnType().isAssignableFrom(located)) {
                    var rules = ResourceRules.of(parent, locator);
                    if (rules.isPresent()) {
                        combined = combined == null ? rules.get() : combined.and(rules.get());
                    }
                }
            }
            if (combined != null) {
                return Optional.of(combined);
            }
            located = parent; // an unprotected locator in a sub-resource: what located that parent may protect it
        }
        return Optional.empty();
    }

    /** {@code @Path} without a request method designator (Jakarta REST 3.1 §3.4.1). */
    static boolean isLocator(Method method) {
        if (!method.isAnnotationPresent(Path.class)) {
            return false;
        }
        for (var a : method.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return false;
            }
        }
        return true;
    }
}
