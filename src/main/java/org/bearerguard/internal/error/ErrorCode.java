package org.bearerguard.internal.error;

/**
 * RFC 6750 §3.1 error codes, and those RFC 9449 adds for DPoP ({@code invalid_dpop_proof}, §7.1; {@code use_dpop_nonce},
 * §9, sent with a fresh {@code DPoP-Nonce} header), with the status each one answers with.
 */
public enum ErrorCode {
    /** Missing or repeated parameter, or an otherwise malformed request. */
    INVALID_REQUEST("invalid_request", 400),
    /** Expired, revoked, malformed or otherwise invalid access token. */
    INVALID_TOKEN("invalid_token", 401),
    /** The token is valid but lacks the privileges the resource requires. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    /** The DPoP proof is missing a part, malformed, or does not fit the request. */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 401),
    /** The server requires a DPoP nonce it issued, and the proof has none or one it no longer accepts. */
    USE_DPOP_NONCE("use_dpop_nonce", 401),
    /** RFC 9470 §3: the user's authentication is not strong or recent enough for this resource. */
    INSUFFICIENT_USER_AUTHENTICATION("insufficient_user_authentication", 401);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
