package org.bearerguard.internal.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * What an introspection answer (RFC 7662 §2.2) means for one issuer: the same rules as for its JWTs. {@code active}
 * must be the JSON {@code true}; {@code iss}, when present, the issuer; {@code exp} is required, {@code nbf},
 * {@code iat} and {@code aud} checked with the same skew and audiences; {@code token_type} and {@code typ}, when
 * present, those of an access token; the caller mapped by the same claims (name, scopes, roles, {@code cnf},
 * {@code acr}, {@code auth_time}). Immutable.
 */
public final class IntrospectionRules {

    /** RFC 7662 §2.2 {@code token_type} values that name an access token (RFC 6749 §7.1, RFC 9449 §5, RFC 8693 §3). */
    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("bearer", "dpop", "access_token",
            "urn:ietf:params:oauth:token-type:access_token");

    private final IssuerConfig config;
    private final ClaimRules claimRules;
    private final TokenTypeRules tokenTypes = new TokenTypeRules(false);
    private final ClaimsMapper mapper;
    private final Clock clock;

    IntrospectionRules(IssuerConfig config, Clock clock) {
        this.config = config;
        this.claimRules = new ClaimRules(clock, config.clockSkew(), config.audiences());
        this.mapper = new ClaimsMapper(config.principalClaim(), config.rolesClaims());
        this.clock = clock;
    }

    public IssuerConfig issuer() {
        return config;
    }

    /** What an answer says: an active token, an inactive one, or nothing usable (the server is at fault). */
    public sealed interface Answer {
    }

    /** {@code "active": true} and every rule passed: the caller, without the token. */
    public record Active(ActiveToken token) implements Answer {
    }

    /** {@code "active": false}. */
    public record Inactive() implements Answer {
    }

    /** Not an answer RFC 7662 allows (no boolean {@code active}): a fault of the server, never of the token. */
    public record Unusable(String why) implements Answer {
    }

    /**
     * Reads an answer's JSON object, as {@link org.bearerguard.internal.json.JsonReader} gives it (read-only: the
     * principal hands it to the application as it is).
     *
     * @throws BearerException when the token is active but not acceptable here (issuer, audience, time, type)
     */
    public Answer evaluate(Map<String, Object> response) throws BearerException {
        var active = response.get("active");
        if (Boolean.FALSE.equals(active)) {
            return new Inactive();
        }
        if (!Boolean.TRUE.equals(active)) {
            return new Unusable(active == null ? "the answer has no \"active\" member"
                    : "\"active\" is not the JSON boolean true or false");
        }
        var claims = new Claims(response);
        var iss = claims.string("iss");
        if (iss != null && !iss.equals(config.issuer())) {
            throw BearerException.refused(Reason.ISSUER_NOT_TRUSTED);
        }
        var tokenType = response.get("token_type");
        if (tokenType != null && !(tokenType instanceof String type
                && ACCESS_TOKEN_TYPES.contains(type.toLowerCase(Locale.ROOT)))) {
            throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED); // a refresh token is active too
        }
        var confirmation = tokenTypes.check(Map.of(), claims);
        if ("dpop".equalsIgnoreCase(String.valueOf(tokenType)) && confirmation.jkt().isEmpty()) {
            throw BearerException.refused(Reason.TYPE_NOT_ACCEPTED); // a DPoP token bound to no key
        }
        var window = claimRules.check(claims);
        var identity = mapper.map(claims, config.issuer(), window.expiresAt(), confirmation);
        return new Active(new ActiveToken(identity, response, window));
    }

    /**
     * The principal of an active answer kept since, for this request's token: its time window checked again now.
     * A JWT's own signed {@code cnf} stands whatever the answer says: an answer without one cannot turn a bound token
     * into a bearer token, an answer with another one is refused.
     */
    public VerifiedPrincipal accept(ActiveToken active, String token, Confirmation signed) throws BearerException {
        var now = clock.instant();
        var window = active.window();
        if (!now.isBefore(window.acceptUntil())) {
            throw BearerException.refused(Reason.EXPIRED);
        }
        if (window.acceptFrom() != null && now.isBefore(window.acceptFrom())) {
            throw BearerException.refused(Reason.NOT_YET_VALID);
        }
        var identity = active.identity();
        if (signed.bound()) {
            if (identity.confirmation().bound() && !identity.confirmation().equals(signed)) {
                throw BearerException.refused(Reason.UNSUPPORTED_CONFIRMATION);
            }
            identity = new ClaimsMapper.Identity(identity.name(), identity.subject(), identity.issuer(),
                    identity.audience(), identity.scopes(), identity.roles(), identity.expiresAt(), signed,
                    identity.authentication());
        }
        return new VerifiedPrincipal(identity, active.claims(), token);
    }

    /** An active, acceptable answer: what the caller is, kept without the token. */
    public static final class ActiveToken {
        private final ClaimsMapper.Identity identity;
        private final Map<String, Object> claims;
        private final ClaimRules.Window window;

        ActiveToken(ClaimsMapper.Identity identity, Map<String, Object> claims, ClaimRules.Window window) {
            this.identity = identity;
            this.claims = claims;
            this.window = window;
        }

        ClaimsMapper.Identity identity() {
            return identity;
        }

        Map<String, Object> claims() {
            return claims;
        }

        ClaimRules.Window window() {
            return window;
        }

        /** {@code exp}: no answer is kept past it. */
        public Instant expiresAt() {
            return window.expiresAt();
        }

        /** Never the claims: they name the caller. */
        @Override
        public String toString() {
            return "ActiveToken[expiresAt=" + expiresAt() + "]";
        }
    }
}
