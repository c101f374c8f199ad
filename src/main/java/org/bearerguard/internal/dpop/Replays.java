package org.bearerguard.internal.dpop;

import java.time.Instant;

/**
 * Where accepted proofs are remembered, so that each is accepted once (RFC 9449 §11.1). Bounded: a store that cannot
 * take one more proof refuses it rather than forgets another, since a forgotten proof could be replayed.
 */
public interface Replays {

    /** What remembering a proof came to. */
    enum Outcome {
        /** Not seen before, and remembered now: the proof may be accepted. */
        FIRST,
        /** Seen before: a replay. */
        REPLAYED,
        /** This key has as many proofs remembered as it may have: refused, for this key only. */
        KEY_FULL,
        /** The store is full: refused, for every key, until proofs age out. */
        FULL
    }

    /**
     * Remembers a proof if it is new.
     *
     * @param replayKey  {@link ProofResult.Valid#replayKey()}
     * @param thumbprint the proof key's thumbprint, for the bound per key
     * @param until      {@link ProofResult.Valid#acceptedUntil()}: the proof need not be remembered after it
     */
    Outcome firstUse(String replayKey, String thumbprint, Instant until);
}
