package org.bearerguard.internal.error;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Why a request to a protected resource is not served: a closed set. {@link MissingCredentials} and
 * {@link Refused} are the client's doing (4xx); {@link KeysUnavailable} and {@link ServerError} are ours (5xx),
 * since the token may well be valid.
 */
public sealed interface BearerError {

    /** No bearer credentials at all (RFC 6750 §3.1: no error code). */
    record MissingCredentials() implements BearerError {
    }

    /**
     * Refused for a reason that carries its error code (RFC 6750 §3.1, RFC 9449 §7.1 and §9) and status.
     *
     * @param scopes    the scopes to name in {@code scope=} ({@link Reason#SCOPE_MISSING} only; RFC 6750 §3 names
     *                  scopes there, never roles)
     * @param dpopNonce the nonce to send in {@code DPoP-Nonce} ({@code use_dpop_nonce} only, RFC 9449 §9)
     */
    record Refused(Refusal reason, List<String> scopes, Optional<String> dpopNonce, Optional<StepUp> stepUp)
            implements BearerError {
        public Refused {
            scopes = List.copyOf(scopes);
            java.util.Objects.requireNonNull(dpopNonce);
            java.util.Objects.requireNonNull(stepUp);
        }

        public Refused(Refusal reason, List<String> scopes, Optional<String> dpopNonce) {
            this(reason, scopes, dpopNonce, Optional.empty());
        }

        public Refused(Refusal reason, List<String> scopes) {
            this(reason, scopes, Optional.empty());
        }

        public Refused(Refusal reason) {
            this(reason, List.of());
        }
    }

    /**
     * What a resource asks of the user's authentication (RFC 9470 §3), sent with
     * {@code insufficient_user_authentication}.
     *
     * @param acrValues {@code acr_values}, in order of preference; empty: not sent
     * @param maxAge    {@code max_age} in seconds; negative: not sent
     */
    record StepUp(List<String> acrValues, long maxAge) {
        public StepUp {
            acrValues = List.copyOf(acrValues);
        }
    }

    /**
     * No keys can be had for the token's issuer right now, the pipeline is not ready, or the DPoP replay store is
     * full: 503 with Retry-After.
     */
    record KeysUnavailable(Duration retryAfter) implements BearerError {
    }

    /** A defect of ours, never the client's input: 500 without detail. */
    record ServerError() implements BearerError {
    }
}
