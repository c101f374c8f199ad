package org.bearerguard.internal.verify;

import java.security.Key;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.keys.KeySnapshot;
import org.bearerguard.internal.keys.KeySource;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Everything one issuer needs to verify its tokens, built once: allowed algorithms (jose4j's implementations, looked
 * up once), keys, claim rules, mapping.
 */
final class IssuerVerifier {

    private static final ProviderContext PROVIDERS = new ProviderContext();

    private final String name;
    private final String issuer;
    private final Map<String, JsonWebSignatureAlgorithm> algorithms;
    private final KeySource keys;
    private final Key hmacKey;
    private final ClaimRules claimRules;
    private final ClaimsMapper mapper;

    IssuerVerifier(IssuerConfig config, KeySource keys, Clock clock) {
        this.name = config.name();
        this.issuer = config.issuer();
        var factory = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory();
        var byName = new java.util.HashMap<String, JsonWebSignatureAlgorithm>();
        for (var alg : config.algorithms()) {
            try {
                byName.put(alg, factory.getAlgorithm(alg));
            } catch (JoseException e) {
                throw new IllegalStateException("jose4j has no " + alg + " on this JVM", e);
            }
        }
        this.algorithms = Map.copyOf(byName);
        this.keys = keys;
        this.hmacKey = config.sharedSecret().map(HmacKey::new).orElse(null);
        this.claimRules = new ClaimRules(clock, config.clockSkew(), config.audiences());
        this.mapper = new ClaimsMapper(config.principalClaim(), config.rolesClaims());
    }

    String name() {
        return name;
    }

    /** The result of a full verification: the principal and what is needed to trust it again from the cache. */
    record Verified(ClaimsMapper.Identity identity, Key key, KeySnapshot snapshot, ClaimRules.Window window) {
    }

    Verified verify(CompactJws jws, String alg, String kid) throws BearerException {
        var algorithm = algorithms.get(alg);
        if (algorithm == null) {
            throw BearerException.invalidToken(Reason.ALGORITHM_NOT_ACCEPTED);
        }
        // HMAC only with the configured secret, never with a key from the JWKS (RFC 8725 §2.1 key confusion)
        boolean hmac = alg.startsWith("HS");
        List<Key> candidates = hmac ? List.of(hmacKey) : keys.keys(kid, alg);
        var key = verifySignature(algorithm, hmac, jws, candidates);
        var window = claimRules.check(jws.claims());
        var identity = mapper.map(jws.claims(), issuer, window.expiresAt());
        return new Verified(identity, key, hmac ? null : keys.snapshot(), window);
    }

    /** Whether a key that verified a cached token may still be trusted: published, and the key set usable. */
    boolean stillTrusted(Key key, KeySnapshot verifiedWith) {
        if (key == hmacKey) {
            return true;
        }
        var current = keys.snapshot();
        return current != null && keys.usable() && (current == verifiedWith || current.contains(key));
    }

    private static Key verifySignature(JsonWebSignatureAlgorithm algorithm, boolean hmac, CompactJws jws,
                                       List<Key> candidates) throws BearerException {
        for (var key : candidates) {
            try {
                if (hmac) {
                    algorithm.validateVerificationKey(key); // a secret long enough for this hash (RFC 7518 §3.2)
                }
                if (algorithm.verifySignature(jws.signature(), key, jws.signingInput(), PROVIDERS)) {
                    return key;
                }
            } catch (JoseException | RuntimeException e) {
                // a key that does not fit, or a signature of the wrong shape: try the next, then refuse
            }
        }
        throw BearerException.invalidToken(Reason.BAD_SIGNATURE);
    }
}
