package org.bearerguard.internal.verify;

import java.security.Key;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.keys.KeyLookup;
import org.bearerguard.internal.keys.KeySource;
import org.jose4j.keys.HmacKey;

/**
 * Everything one issuer needs to verify its tokens, built once: allowed algorithms (a {@link SignatureCheck} each),
 * keys, claim rules, mapping.
 */
final class IssuerVerifier {

    private final String name;
    private final String issuer;
    private final Map<String, SignatureCheck> algorithms;
    private final KeySource keys;
    private final Key hmacKey;
    private final ClaimRules claimRules;
    private final TokenTypeRules tokenTypes;
    private final ClaimsMapper mapper;
    /** Null: this issuer's tokens are never introspected. */
    private final IntrospectionRules introspection;
    private final boolean introspectsJwts;

    IssuerVerifier(IssuerConfig config, KeySource keys, Clock clock) {
        this.name = config.name();
        this.issuer = config.issuer();
        var byName = new java.util.HashMap<String, SignatureCheck>();
        for (var alg : config.algorithms()) {
            byName.put(alg, SignatureCheck.forAlgorithm(alg, config.signatures()));
        }
        this.algorithms = Map.copyOf(byName);
        this.keys = keys;
        this.hmacKey = config.sharedSecret().map(HmacKey::new).orElse(null);
        this.claimRules = new ClaimRules(clock, config.clockSkew(), config.audiences());
        this.tokenTypes = new TokenTypeRules(config.requireAtJwt());
        this.mapper = new ClaimsMapper(config.principalClaim(), config.rolesClaims());
        this.introspection = config.introspection().isPresent() ? new IntrospectionRules(config, clock) : null;
        this.introspectsJwts = config.introspection()
                .filter(i -> i.tokens() == IssuerConfig.IntrospectedTokens.ALL).isPresent();
    }

    /** This issuer's rules for introspection answers; null when it introspects nothing. */
    IntrospectionRules introspection() {
        return introspection;
    }

    /** Whether this issuer's JWTs are introspected (after their signature passed), not verified by their claims. */
    boolean introspectsJwts() {
        return introspectsJwts;
    }

    /**
     * The type check of a JWT whose claims come from introspection: an access token ({@code at+jwt} where required).
     *
     * @return what the JWT's own signed {@code cnf} binds it to
     */
    Confirmation checkType(CompactJws jws) throws BearerException {
        return tokenTypes.check(jws.header(), jws.claims());
    }

    /** The signature check alone, for a JWT whose claims come from introspection. */
    void checkSignature(CompactJws jws, String alg, String kid) throws BearerException {
        var algorithm = algorithms.get(alg);
        if (algorithm == null) {
            throw BearerException.refused(Reason.ALGORITHM_NOT_ACCEPTED);
        }
        verifySignature(algorithm, jws, alg.startsWith("HS") ? List.of(hmacKey) : candidates(kid, alg));
    }

    String name() {
        return name;
    }

    /**
     * The result of a full verification: the principal and what is needed to trust it again from the cache (the
     * key with the {@code kid} and {@code alg} it was selected for; never the key set, which a cached token must
     * not keep in memory).
     */
    record Verified(ClaimsMapper.Identity identity, Key key, String kid, String alg, ClaimRules.Window window) {
    }

    Verified verify(CompactJws jws, String alg, String kid) throws BearerException {
        var algorithm = algorithms.get(alg);
        if (algorithm == null) {
            throw BearerException.refused(Reason.ALGORITHM_NOT_ACCEPTED);
        }
        // HMAC only with the configured secret, never with a key from the JWKS (RFC 8725 §2.1 key confusion)
        boolean hmac = alg.startsWith("HS");
        List<Key> candidates = hmac ? List.of(hmacKey) : candidates(kid, alg);
        var key = verifySignature(algorithm, jws, candidates);
        var confirmation = tokenTypes.check(jws.header(), jws.claims());
        var window = claimRules.check(jws.claims());
        var identity = mapper.map(jws.claims(), issuer, window.expiresAt(), confirmation);
        return new Verified(identity, key, kid, alg, window);
    }

    /** The key source's answer as the request sees it: keys to try, or the refusal it amounts to. */
    private List<Key> candidates(String kid, String alg) throws BearerException {
        var lookup = keys.keys(kid, alg);
        if (lookup instanceof KeyLookup.Found found) {
            return found.candidates();
        }
        if (lookup instanceof KeyLookup.OtherKeyType) {
            throw BearerException.refused(Reason.ALGORITHM_NOT_ACCEPTED); // RFC 8725 §3.1
        }
        if (lookup instanceof KeyLookup.Unavailable unavailable) {
            throw BearerException.keysUnavailable(unavailable.retryAfter());
        }
        throw BearerException.refused(Reason.UNKNOWN_KEY);
    }

    /**
     * Whether a key that verified a cached token may still be trusted: the current key set publishes it for that
     * {@code kid} and {@code alg}, and is usable. Asked of the key set in force now, never of the one the token
     * was verified with.
     */
    boolean stillTrusted(String kid, String alg, Key key) {
        return key == hmacKey || keys.stillPublished(kid, alg, key);
    }

    private static Key verifySignature(SignatureCheck check, CompactJws jws, List<Key> candidates)
            throws BearerException {
        for (var key : candidates) {
            if (check.verify(jws.signingInput(), jws.signature(), key)) {
                return key;
            }
        }
        throw BearerException.refused(Reason.BAD_SIGNATURE);
    }
}
