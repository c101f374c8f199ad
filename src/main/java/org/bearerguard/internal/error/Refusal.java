package org.bearerguard.internal.error;

/**
 * A reason to refuse a request that the client can see: an error code and a fixed description. Implemented by the
 * closed sets {@link Reason} (the token and the request) and {@code dpop.DpopReason} (the DPoP proof).
 */
public interface Refusal {

    ErrorCode code();

    /** Fixed text for {@code error_description}: only the characters RFC 6750 §3 allows. */
    String description();
}
