package org.bearerguard.internal.dpop;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link DpopVerifier} accepts, validated once: bad values fail at start-up, never on a request.
 *
 * @param algorithms the proof algorithms accepted (RFC 9449 §4.3 item 5, and the {@code algs} of the
 *                   {@code WWW-Authenticate: DPoP} challenge, §7.1): a non-empty subset of {@link #SUPPORTED}
 * @param window     how long after its {@code iat} a proof is accepted (§4.3 item 11, §11.1); positive
 * @param skew       clock difference tolerated with the client, on both sides of the window; not negative
 * @param nonces     with server nonces (§9): every proof must carry one of theirs
 */
public record DpopPolicy(Set<String> algorithms, Duration window, Duration skew, Optional<DpopNonces> nonces) {

    /**
     * The asymmetric JWS algorithms (RFC 7518 §3.3-3.5, RFC 8037) a proof may use: never {@code none} nor a MAC
     * (§4.3 item 5: the proof must be verifiable with the public key it carries).
     */
    public static final Set<String> SUPPORTED = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    public DpopPolicy {
        algorithms = Set.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no DPoP proof algorithm accepted");
        }
        for (var alg : new TreeSet<>(algorithms)) {
            if (!SUPPORTED.contains(alg)) {
                throw new IllegalArgumentException("not a DPoP proof algorithm: " + alg + " (accepted: "
                        + new TreeSet<>(SUPPORTED) + ")");
            }
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the DPoP proof window must be positive");
        }
        if (skew.isNegative()) {
            throw new IllegalArgumentException("the DPoP clock skew must not be negative");
        }
        Objects.requireNonNull(nonces);
    }
}
