package org.bearerguard.internal.verify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/** Maps verified claims to a {@link BearerPrincipal}: name, scopes and roles as configured. */
final class ClaimsMapper {

    private final String principalClaim;
    private final List<String[]> rolesPaths;

    ClaimsMapper(String principalClaim, List<String> rolesClaims) {
        this.principalClaim = principalClaim;
        this.rolesPaths = rolesClaims.stream().map(p -> p.split("\\.")).toList();
    }

    BearerPrincipal map(JwtClaims claims, Instant expiresAt, String rawToken) throws BearerException {
        try {
            var subject = claims.getSubject();
            var named = claims.getClaimValue(principalClaim);
            var name = named instanceof String s && !s.isEmpty() ? s : subject;
            if (name == null || name.isEmpty()) {
                throw BearerException.invalidToken(Reason.MALFORMED_CLAIMS);
            }
            return new BearerPrincipal(name, subject, claims.getIssuer(), Set.copyOf(claims.getAudience()),
                    scopes(claims), roles(claims), expiresAt, readOnly(claims.getClaimsMap()), rawToken);
        } catch (MalformedClaimException e) {
            throw BearerException.invalidToken(Reason.MALFORMED_CLAIMS);
        }
    }

    /** RFC 8693 §4.2 / RFC 9068 §2.2.3: {@code scope} is space-separated; {@code scp} (Entra, Okta) a string or array. */
    static Set<String> scopes(JwtClaims claims) throws BearerException {
        var scopes = new LinkedHashSet<String>();
        for (var name : List.of("scope", "scp")) {
            var value = claims.getClaimValue(name);
            if (value == null) {
                continue;
            }
            if (value instanceof String s) {
                for (var part : s.split(" ")) {
                    if (!part.isEmpty()) {
                        scopes.add(part);
                    }
                }
            } else if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                list.forEach(v -> scopes.add((String) v));
            } else {
                throw BearerException.invalidToken(Reason.MALFORMED_CLAIMS);
            }
        }
        return Collections.unmodifiableSet(scopes);
    }

    /** Every configured path that leads to a string or a list of strings adds them; anything else adds nothing. */
    Set<String> roles(JwtClaims claims) {
        var roles = new LinkedHashSet<String>();
        for (var path : rolesPaths) {
            Object node = claims.getClaimsMap();
            for (var segment : path) {
                node = node instanceof Map<?, ?> map ? map.get(segment) : null;
            }
            if (node instanceof String s) {
                roles.add(s);
            } else if (node instanceof List<?> list) {
                list.stream().filter(String.class::isInstance).forEach(v -> roles.add((String) v));
            }
        }
        return Collections.unmodifiableSet(roles);
    }

    /**
     * Makes the parsed claims read-only in place: nested objects and arrays are wrapped, not copied. The map was
     * parsed for this token alone, so nobody else holds it.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readOnly(Map<String, Object> claims) {
        claims.replaceAll((name, value) -> wrap(value));
        return Collections.unmodifiableMap(claims);
    }

    @SuppressWarnings("unchecked")
    private static Object wrap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return readOnly((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            ((List<Object>) list).replaceAll(ClaimsMapper::wrap);
            return Collections.unmodifiableList(list);
        }
        return value;
    }

}
