package org.bearerguard.internal.verify;

import java.security.Key;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.keys.KeySource;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Everything one issuer needs to verify its tokens, built once: allowed algorithms, keys, claim rules, mapping. */
final class IssuerVerifier {

    private final String name;
    private final Set<String> algorithms;
    private final KeySource keys;
    private final Key hmacKey;
    private final ClaimRules claimRules;
    private final ClaimsMapper mapper;

    IssuerVerifier(IssuerConfig config, KeySource keys, Clock clock) {
        this.name = config.name();
        this.algorithms = config.algorithms();
        this.keys = keys;
        this.hmacKey = config.sharedSecret().map(HmacKey::new).orElse(null);
        this.claimRules = new ClaimRules(clock, config.clockSkew(), config.audiences());
        this.mapper = new ClaimsMapper(config.principalClaim(), config.rolesClaims());
    }

    String name() {
        return name;
    }

    BearerPrincipal verify(JsonWebSignature jws, String alg, String kid, JwtClaims claims, String token)
            throws BearerException {
        if (!algorithms.contains(alg)) {
            throw BearerException.invalidToken(Reason.ALGORITHM_NOT_ACCEPTED);
        }
        // HMAC only with the configured secret, never with a key from the JWKS (RFC 8725 §2.1 key confusion)
        List<Key> candidates = alg.startsWith("HS") ? List.of(hmacKey) : keys.keys(kid, alg);
        verifySignature(jws, alg, candidates);
        var expiresAt = claimRules.check(claims);
        return mapper.map(claims, expiresAt, token);
    }

    private static void verifySignature(JsonWebSignature jws, String alg, List<Key> candidates) throws BearerException {
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
        for (var key : candidates) {
            try {
                jws.setKey(key);
                if (jws.verifySignature()) {
                    return;
                }
            } catch (JoseException | RuntimeException e) {
                // a key that does not fit, or a signature of the wrong shape: try the next, then refuse
            }
        }
        throw BearerException.invalidToken(Reason.BAD_SIGNATURE);
    }
}
