package org.bearerguard.internal.dpop;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link DpopVerifier#check} found: a closed set. A {@link Valid} proof still has to be checked against replay
 * (its {@link Valid#replayKey()} put if absent into a store until {@link Valid#acceptedUntil()}) and, for a
 * DPoP-bound token, its {@link Valid#thumbprint()} compared with the token's {@code cnf.jkt} (RFC 9449 §6.1, §7.1).
 */
public sealed interface ProofResult {

    /**
     * A proof that passed every check of RFC 9449 §4.3 that needs no shared state.
     *
     * @param thumbprint    RFC 7638 SHA-256 thumbprint of the proof's key, base64url: what {@code cnf.jkt} must be
     * @param replayKey     {@link ReplayKey} of the normalised {@code htu}, the {@code jti} and the thumbprint
     * @param issuedAt      the proof's {@code iat}
     * @param acceptedUntil the last instant at which this proof's {@code iat} would still pass: a replay store must
     *                      remember {@link #replayKey} at least until then, and need not remember it longer
     */
    record Valid(String thumbprint, String replayKey, Instant issuedAt, Instant acceptedUntil) implements ProofResult {
        public Valid {
            Objects.requireNonNull(thumbprint);
            Objects.requireNonNull(replayKey);
            Objects.requireNonNull(issuedAt);
            Objects.requireNonNull(acceptedUntil);
        }
    }

    /** A proof refused for a reason whose description is fixed text, safe for {@code error_description}. */
    record Refused(DpopReason reason) implements ProofResult {
        public Refused {
            Objects.requireNonNull(reason);
        }
    }
}
