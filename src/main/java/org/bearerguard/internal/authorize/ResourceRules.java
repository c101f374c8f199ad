package org.bearerguard.internal.authorize;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.BearerProtected;

/**
 * Reads what a resource method requires from its annotations, for the resource class that serves it: an inherited
 * method served by two resource classes gets two requirements (never one shared by {@code Method}).
 *
 * <p>Where {@link BearerProtected} counts, nearest first (a resource that looks protected is never left open):
 * <ol>
 *   <li>the resource method, then the method it overrides or implements, up the superclasses, then the
 *       interfaces (as JAX-RS inherits its own method annotations, Jakarta REST 3.1 §3.6);</li>
 *   <li>the resource class, then its superclasses, then every interface it implements.</li>
 * </ol>
 * A method-level annotation replaces the class-level one. {@code @DenyAll}, {@code @PermitAll} and
 * {@code @RolesAllowed} are read the same way, method level first (JSR 250 §2.9–2.11: the method's wins).
 */
public final class ResourceRules {

    private ResourceRules() {
    }

    /** The requirement, or empty when nothing in the hierarchy asks for a bearer token. */
    public static Optional<Requirement> of(Class<?> resourceClass, Method method) {
        var methods = overridden(resourceClass, method);
        var types = hierarchy(resourceClass);
        var protectedBy = onMethods(methods, BearerProtected.class)
                .or(() -> onTypes(types, BearerProtected.class));
        if (protectedBy.isEmpty()) {
            return Optional.empty();
        }
        var p = protectedBy.get();
        var scopes = List.of(p.scopes());
        var roles = List.of(p.roles());
        var issuers = Set.of(p.issuers());
        var nearestFirst = new ArrayList<AnnotatedElement>(methods);
        nearestFirst.addAll(types);
        for (var element : nearestFirst) {
            if (element.isAnnotationPresent(DenyAll.class)) {
                return Optional.of(new Requirement(scopes, roles, null, true, issuers));
            }
            if (element.isAnnotationPresent(PermitAll.class)) {
                return Optional.of(new Requirement(scopes, roles, null, false, issuers));
            }
            var allowed = element.getAnnotation(RolesAllowed.class);
            if (allowed != null) {
                return Optional.of(new Requirement(scopes, roles, List.of(allowed.value()), false, issuers));
            }
        }
        return Optional.of(new Requirement(scopes, roles, null, false, issuers));
    }

    /** Whether any class in the hierarchy carries a JSR 250 annotation that bearer-guard would have enforced. */
    public static boolean looksRoleProtected(Class<?> resourceClass, Method method) {
        var all = new ArrayList<AnnotatedElement>(overridden(resourceClass, method));
        all.addAll(hierarchy(resourceClass));
        return all.stream().anyMatch(e -> e.isAnnotationPresent(RolesAllowed.class)
                || e.isAnnotationPresent(DenyAll.class));
    }

    private static <A extends Annotation> Optional<A> onMethods(List<Method> methods, Class<A> type) {
        return methods.stream().map(m -> m.getAnnotation(type)).filter(a -> a != null).findFirst();
    }

    private static <A extends Annotation> Optional<A> onTypes(List<Class<?>> types, Class<A> type) {
        return types.stream().map(t -> t.getAnnotation(type)).filter(a -> a != null).findFirst();
    }

    /** The method as the resource class has it, then each method it overrides or implements, nearest first. */
    static List<Method> overridden(Class<?> resourceClass, Method method) {
        var found = new ArrayList<Method>();
        found.add(method);
        if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
            return found;
        }
        for (var type : hierarchy(resourceClass)) {
            try {
                var m = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (!found.contains(m) && !Modifier.isPrivate(m.getModifiers())) {
                    found.add(m);
                }
            } catch (NoSuchMethodException notDeclaredThere) {
                // keep looking up
            }
        }
        return found;
    }

    /** The class, its superclasses, then all interfaces breadth-first (each once). */
    static List<Class<?>> hierarchy(Class<?> resourceClass) {
        var classes = new ArrayList<Class<?>>();
        for (Class<?> c = resourceClass; c != null && c != Object.class; c = c.getSuperclass()) {
            classes.add(c);
        }
        var interfaces = new LinkedHashSet<Class<?>>();
        var queue = new ArrayDeque<Class<?>>();
        classes.forEach(c -> queue.addAll(List.of(c.getInterfaces())));
        while (!queue.isEmpty()) {
            var i = queue.poll();
            if (interfaces.add(i)) {
                queue.addAll(List.of(i.getInterfaces()));
            }
        }
        classes.addAll(interfaces);
        return classes;
    }
}
