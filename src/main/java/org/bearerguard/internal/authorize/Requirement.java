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
 * @param acr        step-up (RFC 9470): the {@code acr} values accepted, in order of preference; empty: any
 * @param maxAge     step-up (RFC 9470): the most seconds since {@code auth_time}; negative: no limit
 */
public record Requirement(List<String> scopes, List<List<String>> roleGroups, boolean denyAll, Set<String> issuers,
                          DpopMode dpop, List<String> acr, long maxAge) {

    /** A valid token of any configured issuer, nothing more. */
    public static final Requirement NONE = new Requirement(List.of(), List.of(), false, Set.of());

    public Requirement {
        scopes = List.copyOf(scopes);
        roleGroups = roleGroups.stream().map(List::copyOf).toList();
        issuers = Set.copyOf(issuers);
        java.util.Objects.requireNonNull(dpop);
        acr = List.copyOf(acr);
        maxAge = Math.max(-1, maxAge);
    }

    /** Without step-up. */
    public Requirement(List<String> scopes, List<List<String>> roleGroups, boolean denyAll, Set<String> issuers,
                       DpopMode dpop) {
        this(scopes, roleGroups, denyAll, issuers, dpop, List.of(), -1);
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
        var acrs = acr.isEmpty() ? other.acr : acr;
        if (!acr.isEmpty() && !other.acr.isEmpty()) {
            acrs = acr.stream().filter(other.acr::contains).toList();
            disjoint |= acrs.isEmpty();
        }
        long age = maxAge < 0 ? other.maxAge : other.maxAge < 0 ? maxAge : Math.min(maxAge, other.maxAge);
        return new Requirement(List.copyOf(allScopes), groups, denyAll || other.denyAll || disjoint
                || dpopMode == null, both, dpopMode == null ? DpopMode.OFF : dpopMode, acrs, age);
    }

    /** Whether it asks for a kind or an age of user authentication (RFC 9470). */
    public boolean stepsUp() {
        return !acr.isEmpty() || maxAge >= 0;
    }

    /** Scopes only. */
    public static Requirement scopes(String... scopes) {
        return new Requirement(List.of(scopes), List.of(), false, Set.of());
    }

    /** Tokens of these issuers only. */
    public static Requirement issuers(String... names) {
        return new Requirement(List.of(), List.of(), false, Set.of(names));
    }

    /** With exact scopes, no step-up clock needed. */
    public void check(BearerPrincipal principal) throws BearerException {
        check(principal, ScopeHierarchy.EXACT, java.time.Instant.now());
    }

    /**
     * Step-up first (a stronger or fresher login changes the token, so more scopes alone would not do), then
     * scopes (through the hierarchy), then roles.
     *
     * @throws BearerException 401 {@code insufficient_user_authentication} with what the resource asks for (RFC
     *                         9470 §3); 403 {@code insufficient_scope}: naming the missing scopes (RFC 6750 §3); a
     *                         missing role is not named, roles are the application's business
     */
    public void check(BearerPrincipal principal, ScopeHierarchy hierarchy, java.time.Instant now)
            throws BearerException {
        if (denyAll) {
            throw BearerException.refused(Reason.ACCESS_DENIED);
        }
        if (!acr.isEmpty() && !principal.getAuthenticationContextClass().filter(acr::contains).isPresent()) {
            throw BearerException.stepUp(Reason.AUTHENTICATION_LEVEL, acr, maxAge);
        }
        // in whole seconds, as auth_time and max_age count them
        if (maxAge >= 0 && !principal.getAuthenticationTime()
                .filter(t -> now.getEpochSecond() - t.getEpochSecond() <= maxAge).isPresent()) {
            throw BearerException.stepUp(Reason.AUTHENTICATION_AGE, acr, maxAge);
        }
        if (!hierarchy.grantsAll(principal.getScopes(), scopes)) {
            throw BearerException.missingScopes(scopes);
        }
        for (var group : roleGroups) {
            if (group.stream().noneMatch(principal::hasRole)) {
                throw BearerException.refused(Reason.ROLE_MISSING);
            }
        }
    }
}
