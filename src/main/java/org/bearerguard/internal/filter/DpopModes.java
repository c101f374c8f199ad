package org.bearerguard.internal.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bearerguard.DpopMode;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.Challenges;

/**
 * Which DPoP mode a request is held to (RFC 9449), from its resource's {@code @BearerProtected(dpop)} and the
 * configured issuers' {@code bearer.dpop}, and which schemes a refusal then challenges with. Built once.
 */
final class DpopModes {

    /** By name, for a resource's accepted issuers. */
    private final Map<String, IssuerConfig> byName;
    /** Whether any issuer takes DPoP: if none does, a resource without a mode of its own never mentions it. */
    private final boolean dpopAnywhere;

    DpopModes(List<IssuerConfig> issuers) {
        this.byName = issuers.stream().collect(Collectors.toUnmodifiableMap(IssuerConfig::name, Function.identity()));
        this.dpopAnywhere = issuers.stream().anyMatch(i -> i.dpop() != DpopMode.OFF);
    }

    /**
     * The DPoP mode for a token of this issuer: the resource's and the issuer's together ({@link DpopMode#and}), so
     * that neither loosens the other: an annotation cannot take Bearer tokens of an issuer configured to require
     * DPoP, nor a configuration DPoP where the resource switched it off. The two opposed ({@code OFF} with
     * {@code REQUIRED}) admit nobody: a Bearer token is then refused as needing DPoP, a DPoP one as not understood.
     */
    static DpopMode modeFor(DpopMode resource, DpopMode issuer, boolean usedDpop) {
        var both = resource.and(issuer);
        return both != null ? both : usedDpop ? DpopMode.OFF : DpopMode.REQUIRED;
    }

    /**
     * The DPoP mode before the token's issuer is known, for the request's shape and the challenge: the resource's
     * together with what every issuer it accepts agrees on ({@code ALLOWED} when they differ: both schemes may
     * then come).
     */
    DpopMode expected(Requirement requirement) {
        if (!dpopAnywhere && requirement.dpop() == DpopMode.CONFIGURED) {
            return DpopMode.OFF;
        }
        DpopMode agreed = null;
        for (var issuer : accepted(requirement.issuers())) {
            if (agreed == null) {
                agreed = issuer.dpop();
            } else if (agreed != issuer.dpop()) {
                agreed = DpopMode.ALLOWED;
                break;
            }
        }
        var both = requirement.dpop().and(agreed == null ? DpopMode.ALLOWED : agreed);
        return both != null ? both : requirement.dpop();
    }

    private Iterable<IssuerConfig> accepted(Set<String> names) {
        return names.isEmpty() ? byName.values()
                : names.stream().map(byName::get).filter(java.util.Objects::nonNull).toList();
    }

    static Challenges challenges(DpopMode mode, boolean usedDpop) {
        return switch (mode) {
            case OFF, CONFIGURED -> Challenges.BEARER;
            case REQUIRED -> Challenges.DPOP;
            case ALLOWED -> usedDpop ? Challenges.DPOP : Challenges.BEARER_THEN_DPOP;
        };
    }
}
