package org.bearerguard.internal.error;

import java.time.Duration;
import java.util.List;

/**
 * Why a request to a protected resource is refused: a closed set. The first four are the client's doing (4xx);
 * {@link KeysUnavailable} is ours (503), since the token may well be valid.
 */
public sealed interface BearerError {

    /** No bearer credentials at all (RFC 6750 §3.1: no error code). */
    record MissingCredentials() implements BearerError {
    }

    /** The request itself is malformed: 400 {@code invalid_request}. */
    record InvalidRequest(Reason reason) implements BearerError {
    }

    /** The token is not acceptable: 401 {@code invalid_token}. */
    record InvalidToken(Reason reason) implements BearerError {
    }

    /** The token is valid but lacks what the resource requires: 403 {@code insufficient_scope}. */
    record InsufficientScope(Reason reason, List<String> required) implements BearerError {
        public InsufficientScope {
            required = List.copyOf(required);
        }
    }

    /** No keys can be had for the token's issuer right now: 503 with {@code Retry-After}. */
    record KeysUnavailable(Duration retryAfter) implements BearerError {
    }
}
