package org.bearerguard.internal.authorize;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.BearerProtected;
import org.bearerguard.DpopMode;
import org.bearerguard.internal.config.BearerConfigException;

/**
 * Reads what a resource method requires from its annotations, for the resource class that serves it: an inherited
 * method served by two resource classes gets two requirements (never one shared by {@code Method}).
 *
 * <p>Every level counts, and none can loosen another. A level is the resource class, each superclass and each
 * interface it implements. At each level, the annotation on that type's own declaration of the method (the
 * resource method, or one it overrides or implements, generic ones included) counts, or else the one on the type
 * itself: within a level a method's annotation replaces its type's, as documented. The requirement is every
 * counting {@link BearerProtected} together (all their scopes, one role of each role list, issuers accepted by
 * all), and every counting {@code @RolesAllowed} (one role of each) and {@code @DenyAll} (nobody).
 * {@code @PermitAll} only means that its level adds no role. The method is protected when any level carries
 * {@link BearerProtected}: a resource that looks protected is never left open.
 */
public final class ResourceRules {

    private ResourceRules() {
    }

    /** The requirement, or empty when nothing in the hierarchy asks for a bearer token. */
    public static Optional<Requirement> of(Class<?> resourceClass, Method method) {
        var scopes = new LinkedHashSet<String>();
        var roleGroups = new ArrayList<List<String>>();
        Set<String> issuers = null; // null: no level restricts them
        boolean denyAll = false;
        boolean isProtected = false;
        var dpop = DpopMode.CONFIGURED;
        List<String> acr = List.of();
        long maxAge = -1;
        for (var level : hierarchy(resourceClass)) {
            var declared = declaration(level, method);
            var bearer = counting(level, declared, BearerProtected.class);
            if (bearer != null) {
                isProtected = true;
                var both = dpop.and(bearer.dpop());
                if (both == null) {
                    throw new BearerConfigException("@BearerProtected on " + resourceClass.getName() + "."
                            + method.getName() + " and its supertypes say both dpop = OFF and dpop = REQUIRED");
                }
                dpop = both;
                scopes.addAll(List.of(bearer.scopes()));
                var where = resourceClass.getName() + "." + method.getName();
                var levelAcr = acrValues(bearer, where);
                if (!levelAcr.isEmpty()) {
                    var common = acr.isEmpty() ? levelAcr : acr.stream().filter(levelAcr::contains).toList();
                    if (common.isEmpty()) {
                        throw new BearerConfigException("@BearerProtected on " + where + " and its supertypes"
                                + " accept no acr value in common");
                    }
                    acr = common;
                }
                if (bearer.maxAge() >= 0) {
                    maxAge = maxAge < 0 ? bearer.maxAge() : Math.min(maxAge, bearer.maxAge());
                }
                if (bearer.roles().length > 0) {
                    roleGroups.add(List.of(bearer.roles()));
                }
                if (bearer.issuers().length > 0) {
                    var named = new LinkedHashSet<>(List.of(bearer.issuers()));
                    if (issuers != null) {
                        named.retainAll(issuers);
                        if (named.isEmpty()) {
                            throw new BearerConfigException("@BearerProtected on " + resourceClass.getName() + "."
                                    + method.getName() + " and its supertypes name issuers no token can be from"
                                    + " at once");
                        }
                    }
                    issuers = named;
                }
            }
            var jsr250 = jsr250(level, declared);
            if (jsr250 instanceof DenyAll) {
                denyAll = true;
            } else if (jsr250 instanceof RolesAllowed allowed) {
                roleGroups.add(List.of(allowed.value()));
            }
        }
        if (!isProtected) {
            return Optional.empty();
        }
        return Optional.of(new Requirement(List.copyOf(scopes), roleGroups, denyAll,
                issuers == null ? Set.of() : issuers, dpop, acr, maxAge));
    }

    /** RFC 9470 §3: {@code acr_values} is a quoted string of space-separated values. */
    private static List<String> acrValues(BearerProtected bearer, String where) {
        for (var value : bearer.acr()) {
            if (!value.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                throw new BearerConfigException("@BearerProtected on " + where + " names acr '" + value
                        + "': acr values are printable ASCII without space, '\"' or '\\'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(List.of(bearer.acr())));
    }

    /** Whether some level carries a JSR 250 annotation that would restrict the method. */
    public static boolean looksRoleProtected(Class<?> resourceClass, Method method) {
        for (var level : hierarchy(resourceClass)) {
            var a = jsr250(level, declaration(level, method));
            if (a instanceof RolesAllowed || a instanceof DenyAll) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JSR 250 annotation that counts at each level of {@code type}'s hierarchy, as for resources (levels with
     * none left out): for the CDI beans whose annotations bearer-guard enforces.
     */
    public static List<Annotation> jsr250Levels(Class<?> type, Method method) {
        var counting = new ArrayList<Annotation>();
        for (var level : hierarchy(type)) {
            var a = jsr250(level, declaration(level, method));
            if (a != null) {
                counting.add(a);
            }
        }
        return counting;
    }

    /** The annotation of a level: on its declaration of the method, else on the type. */
    private static <A extends Annotation> A counting(Class<?> level, Method declared, Class<A> type) {
        var onMethod = declared == null ? null : declared.getAnnotation(type);
        return onMethod != null ? onMethod : level.getAnnotation(type);
    }

    /** JSR 250 §2.9–2.11 at one level: the method's annotation replaces the type's. */
    private static Annotation jsr250(Class<?> level, Method declared) {
        for (var element : declared == null ? List.<java.lang.reflect.AnnotatedElement>of(level)
                : List.of(declared, level)) {
            for (var type : List.of(DenyAll.class, PermitAll.class, RolesAllowed.class)) {
                var a = element.getAnnotation(type);
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    /**
     * The level's own declaration of the method, if it has one: the same signature, or (for a generic supertype,
     * whose parameters are erased) the same name and count of parameters, each of a type the method's parameter is
     * assignable to.
     */
    static Method declaration(Class<?> level, Method method) {
        if (Modifier.isStatic(method.getModifiers())) {
            return level == method.getDeclaringClass() ? method : null;
        }
        try {
            var exact = level.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return Modifier.isPrivate(exact.getModifiers()) ? null : exact;
        } catch (NoSuchMethodException notWithThatSignature) {
            // a generic supertype declares it with erased parameters
        }
        for (var candidate : level.getDeclaredMethods()) {
            if (candidate.getName().equals(method.getName()) && !candidate.isBridge() && !candidate.isSynthetic()
                    && !Modifier.isPrivate(candidate.getModifiers()) && !Modifier.isStatic(candidate.getModifiers())
                    && assignable(method.getParameterTypes(), candidate.getParameterTypes())) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean assignable(Class<?>[] actual, Class<?>[] declared) {
        if (actual.length != declared.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!declared[i].isAssignableFrom(actual[i])) {
                return false;
            }
        }
        return true;
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
