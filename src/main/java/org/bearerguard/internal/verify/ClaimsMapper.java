package org.bearerguard.internal.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/** Maps verified claims to the caller's identity: name, scopes and roles as configured. */
final class ClaimsMapper {

    private final String principalClaim;
    private final List<String[]> rolesPaths;

    ClaimsMapper(String principalClaim, List<String> rolesClaims) {
        this.principalClaim = principalClaim;
        this.rolesPaths = rolesClaims.stream().map(p -> p.split("\\.")).toList();
    }

    /**
     * What requests need of a verified token, small and immutable: a cached token keeps only this, never the parsed
     * claims, which each request re-reads from its own token when the application asks for them.
     */
    record Identity(String name, String subject, String issuer, Set<String> audience, Set<String> scopes,
                    Set<String> roles, Instant expiresAt, Confirmation confirmation, Authentication authentication) {
    }

    /**
     * How and when the user authenticated (RFC 9068 §2.2.1), for step-up checks (RFC 9470).
     *
     * @param acr      {@code acr} if it is a string, else null
     * @param authTime {@code auth_time} if it is a NumericDate, else null
     */
    record Authentication(String acr, Instant authTime) {
        static final Authentication UNKNOWN = new Authentication(null, null);

        static Authentication of(Claims claims) {
            var acr = claims.get("acr") instanceof String s ? s : null;
            var authTime = claims.get("auth_time") == null ? null : NumericDate.of(claims.get("auth_time"));
            return acr == null && authTime == null ? UNKNOWN : new Authentication(acr, authTime);
        }
    }

    Identity map(Claims claims, String issuer, Instant expiresAt, Confirmation confirmation) throws BearerException {
        var subject = claims.string("sub");
        var named = claims.get(principalClaim);
        var name = named instanceof String s && !s.isEmpty() ? s : subject;
        if (name == null || name.isEmpty()) {
            throw BearerException.refused(Reason.MALFORMED_CLAIMS);
        }
        return new Identity(name, subject, issuer, Set.copyOf(claims.audience()), scopes(claims), roles(claims),
                expiresAt, confirmation, Authentication.of(claims));
    }

    /** RFC 8693 §4.2 / RFC 9068 §2.2.3: {@code scope} is space-separated; {@code scp} (Entra, Okta) a string or array. */
    static Set<String> scopes(Claims claims) throws BearerException {
        var scopes = new ArrayList<String>();
        for (var value : new Object[] {claims.get("scope"), claims.get("scp")}) {
            if (value instanceof String s) {
                words(s, scopes);
            } else if (value instanceof List<?> list && Claims.allStrings(list)) {
                list.forEach(v -> scopes.add((String) v));
            } else if (value != null) {
                throw BearerException.refused(Reason.MALFORMED_CLAIMS);
            }
        }
        return Set.copyOf(scopes);
    }

    /** The space-separated words of {@code s}, added to {@code into}. */
    private static void words(String s, List<String> into) {
        int from = 0;
        while (from <= s.length()) {
            int space = s.indexOf(' ', from);
            int end = space < 0 ? s.length() : space;
            if (end > from) {
                into.add(s.substring(from, end));
            }
            from = end + 1;
        }
    }

    /** Every configured path that leads to a string or a list of strings adds them; anything else adds nothing. */
    Set<String> roles(Claims claims) {
        var roles = new ArrayList<String>();
        for (var path : rolesPaths) {
            Object node = claims.map();
            for (var segment : path) {
                node = node instanceof Map<?, ?> map ? map.get(segment) : null;
            }
            if (node instanceof String s) {
                roles.add(s);
            } else if (node instanceof List<?> list) {
                for (var v : list) {
                    if (v instanceof String s) {
                        roles.add(s);
                    }
                }
            }
        }
        return Set.copyOf(roles);
    }
}
