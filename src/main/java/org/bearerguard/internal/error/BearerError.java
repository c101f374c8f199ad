package org.bearerguard.internal.error;

import java.time.Duration;
import java.util.List;

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
     * Refused for a reason that carries its RFC 6750 error code and status.
     *
     * @param scopes the scopes to name in {@code scope=} ({@link Reason#SCOPE_MISSING} only; RFC 6750 §3 names
     *               scopes there, never roles)
     */
    record Refused(Reason reason, List<String> scopes) implements BearerError {
        public Refused {
            scopes = List.copyOf(scopes);
        }

        public Refused(Reason reason) {
            this(reason, List.of());
        }
    }

    /** No keys can be had for the token's issuer right now, or the pipeline is not ready: 503 with Retry-After. */
    record KeysUnavailable(Duration retryAfter) implements BearerError {
    }

    /** A defect of ours, never the client's input: 500 without detail. */
    record ServerError() implements BearerError {
    }
}
