package org.bearerguard.internal.error;

/**
 * Which authentication schemes a refusal challenges the client with (RFC 9110 §11.6.1), in one
 * {@code WWW-Authenticate} value, and which of them carries the error.
 */
public enum Challenges {
    /** DPoP is not understood here: {@code Bearer} only (RFC 6750 §3). */
    BEARER,
    /**
     * Both schemes are accepted and the request did not use DPoP: {@code Bearer} with the error, then {@code DPoP}
     * with its {@code algs} (RFC 9449 §7.1).
     */
    BEARER_THEN_DPOP,
    /** The request used DPoP, or only DPoP is accepted: {@code DPoP} with the error and its {@code algs}. */
    DPOP
}
