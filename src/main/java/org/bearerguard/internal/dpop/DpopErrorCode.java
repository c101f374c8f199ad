package org.bearerguard.internal.dpop;

/**
 * The error codes RFC 9449 adds to RFC 6750 §3.1, with the status each one answers with: {@code invalid_dpop_proof}
 * (§7.1) and {@code use_dpop_nonce} (§9, sent with a fresh {@code DPoP-Nonce} header).
 */
public enum DpopErrorCode {
    /** The proof is missing a part, malformed, or does not fit the request. */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 401),
    /** The server requires a nonce it issued, and the proof has none or one it no longer accepts. */
    USE_DPOP_NONCE("use_dpop_nonce", 401);

    private final String code;
    private final int status;

    DpopErrorCode(String code, int status) {
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
