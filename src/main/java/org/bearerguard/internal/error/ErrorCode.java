package org.bearerguard.internal.error;

/** RFC 6750 §3.1 error codes with the status each one answers with. */
public enum ErrorCode {
    /** Missing or repeated parameter, or an otherwise malformed request. */
    INVALID_REQUEST("invalid_request", 400),
    /** Expired, revoked, malformed or otherwise invalid access token. */
    INVALID_TOKEN("invalid_token", 401),
    /** The token is valid but lacks the privileges the resource requires. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403);

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
