package org.bearerguard.internal.authorize;

import java.util.List;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.DpopMode;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * What one resource method requires of a verified caller, built once at deployment ({@link ResourceRules}).
 *
 * @param scopes     all required
 * @param roleGroups each group needs one of its roles ({@code @BearerProtected(roles)}, {@code @RolesAllowed});
 *                   empty: no role needed
 * @param denyAll    {@code @DenyAll}: nobody
 * @param issuers    names of the issuers whose tokens are accepted; empty: every configured issuer
 * @param dpop       whether DPoP-bound tokens are taken ({@code @BearerProtected(dpop)}), or as the issuer configures
 */
public record Requirement(List<String> scopes, List<List<String>> roleGroups, boolean denyAll, Set<String> issuers,
                          DpopMode dpop) {

    /** A valid token of any configured issuer, nothing more. */
    public static final Requirement NONE = new Requirement(List.of(), List.of(), false, Set.of());

    public Requirement {
        scopes = List.copyOf(scopes);
        roleGroups = roleGroups.stream().map(List::copyOf).toList();
        issuers = Set.copyOf(issuers);
        java.util.Objects.requireNonNull(dpop);
    }

    /** DPoP as the issuer configures it. */
    public Requirement(List<String> scopes, List<List<String>> roleGroups, boolean denyAll, Set<String> issuers) {
        this(scopes, roleGroups, denyAll, issuers, DpopMode.CONFIGURED);
    }

    /**
     * Both this and {@code other}: all scopes, every role group, nobody if either denies all, only issuers both
     * accept (none at all, hence nobody, if they accept no issuer in common), the DPoP modes together
     * ({@link DpopMode#and}; nobody if one is off and the other required).
     */
    public Requirement and(Requirement other) {
        var allScopes = new java.util.LinkedHashSet<>(scopes);
        allScopes.addAll(other.scopes);
        var groups = new java.util.ArrayList<>(roleGroups);
        groups.addAll(other.roleGroups);
        Set<String> both = issuers.isEmpty() ? other.issuers : issuers;
        boolean disjoint = false;
        if (!issuers.isEmpty() && !other.issuers.isEmpty()) {
            var common = new java.util.HashSet<>(issuers);
            common.retainAll(other.issuers);
            disjoint = common.isEmpty();
            both = common;
        }
        var dpopMode = dpop.and(other.dpop);
        return new Requirement(List.copyOf(allScopes), groups, denyAll || other.denyAll || disjoint
                || dpopMode == null, both, dpopMode == null ? DpopMode.OFF : dpopMode);
    }

    /** Scopes only. */
    public static Requirement scopes(String... scopes) {
        return new Requirement(List.of(scopes), List.of(), false, Set.of());
    }

    /** Tokens of these issuers only. */
    public static Requirement issuers(String... names) {
        return new Requirement(List.of(), List.of(), false, Set.of(names));
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
        for (var group : roleGroups) {
            if (group.stream().noneMatch(principal::hasRole)) {
                throw BearerException.refused(Reason.ROLE_MISSING);
            }
        }
    }
}
