package org.bearerguard.internal.authorize;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * One resource method's requirements, read once from its annotations.
 *
 * @param scopes       all required
 * @param anyRole      one of them required ({@code @BearerProtected(roles)}); empty: none
 * @param rolesAllowed one of them required ({@code @RolesAllowed}); null: no such annotation
 * @param denyAll      {@code @DenyAll}
 * @param issuers      names of the issuers whose tokens are accepted; empty: all
 */
public record Requirement(List<String> scopes, List<String> anyRole, List<String> rolesAllowed, boolean denyAll,
                          Set<String> issuers) {

    public static final Requirement NONE = new Requirement(List.of(), List.of(), null, false, Set.of());

    public Requirement {
        issuers = Set.copyOf(issuers);
        scopes = List.copyOf(scopes);
        anyRole = List.copyOf(anyRole);
        rolesAllowed = rolesAllowed == null ? null : List.copyOf(rolesAllowed);
    }

    /** Reads the annotations of a method and its class; the method's replace the class's. */
    public static Requirement of(Method method, Class<?> resourceClass) {
        var protectedBy = method.getAnnotation(BearerProtected.class);
        if (protectedBy == null && resourceClass != null) {
            protectedBy = resourceClass.getAnnotation(BearerProtected.class);
        }
        var scopes = protectedBy == null ? List.<String>of() : List.of(protectedBy.scopes());
        var roles = protectedBy == null ? List.<String>of() : List.of(protectedBy.roles());
        var issuers = protectedBy == null ? Set.<String>of() : Set.of(protectedBy.issuers());
        // JSR 250 §2.9-2.11: a method-level annotation wins over any class-level one
        if (method.isAnnotationPresent(DenyAll.class)) {
            return new Requirement(scopes, roles, null, true, issuers);
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return new Requirement(scopes, roles, null, false, issuers);
        }
        if (method.isAnnotationPresent(RolesAllowed.class)) {
            return new Requirement(scopes, roles, List.of(method.getAnnotation(RolesAllowed.class).value()), false, issuers);
        }
        if (resourceClass != null) {
            if (resourceClass.isAnnotationPresent(DenyAll.class)) {
                return new Requirement(scopes, roles, null, true, issuers);
            }
            if (resourceClass.isAnnotationPresent(RolesAllowed.class)) {
                return new Requirement(scopes, roles, List.of(resourceClass.getAnnotation(RolesAllowed.class).value()), false, issuers);
            }
        }
        return new Requirement(scopes, roles, null, false, issuers);
    }

    /** @throws BearerException 403 {@code insufficient_scope} naming what is required */
    public void check(BearerPrincipal principal) throws BearerException {
        if (denyAll) {
            throw BearerException.insufficientScope(Reason.ACCESS_DENIED, List.of());
        }
        if (!principal.getScopes().containsAll(scopes)) {
            throw BearerException.insufficientScope(Reason.SCOPE_MISSING, scopes);
        }
        if (!anyRole.isEmpty() && anyRole.stream().noneMatch(principal::hasRole)) {
            throw BearerException.insufficientScope(Reason.ROLE_MISSING, anyRole);
        }
        if (rolesAllowed != null && rolesAllowed.stream().noneMatch(principal::hasRole)) {
            throw BearerException.insufficientScope(Reason.ROLE_MISSING, rolesAllowed);
        }
    }
}
