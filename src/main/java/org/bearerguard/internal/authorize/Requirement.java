package org.bearerguard.internal.authorize;

import java.util.List;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * What one resource method requires of a verified caller, built once at deployment ({@link ResourceRules}).
 *
 * @param scopes       all required
 * @param anyRole      one of them required ({@code @BearerProtected(roles)}); empty: none
 * @param rolesAllowed one of them required ({@code @RolesAllowed}); null: no such annotation
 * @param denyAll      {@code @DenyAll}
 * @param issuers      names of the issuers whose tokens are accepted; empty: all
 */
public record Requirement(List<String> scopes, List<String> anyRole, List<String> rolesAllowed, boolean denyAll,
                          Set<String> issuers) {

    /** A valid token of any configured issuer, nothing more. */
    public static final Requirement NONE = new Requirement(List.of(), List.of(), null, false, Set.of());

    public Requirement {
        issuers = Set.copyOf(issuers);
        scopes = List.copyOf(scopes);
        anyRole = List.copyOf(anyRole);
        rolesAllowed = rolesAllowed == null ? null : List.copyOf(rolesAllowed);
    }

    /**
     * @throws BearerException 403 {@code insufficient_scope}: naming the missing scopes (RFC 6750 §3); a missing
     *                         role is not named, roles are the application's business
     */
    public void check(BearerPrincipal principal) throws BearerException {
        if (denyAll) {
            throw BearerException.refused(Reason.ACCESS_DENIED);
        }
        if (!principal.getScopes().containsAll(scopes)) {
            throw BearerException.missingScopes(scopes);
        }
        if (!anyRole.isEmpty() && anyRole.stream().noneMatch(principal::hasRole)) {
            throw BearerException.refused(Reason.ROLE_MISSING);
        }
        if (rolesAllowed != null && rolesAllowed.stream().noneMatch(principal::hasRole)) {
            throw BearerException.refused(Reason.ROLE_MISSING);
        }
    }
}
