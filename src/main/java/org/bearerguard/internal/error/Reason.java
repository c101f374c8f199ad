package org.bearerguard.internal.error;

/**
 * Every refusal a client can see, each with its RFC 6750 §3.1 error code: a reason cannot be sent under another
 * code. Descriptions are fixed text: never a token fragment, a key, an exception message, a class name, or the name
 * of a role the caller lacks. RFC 6750 §3 restricts their characters to %x20-21 / %x23-5B / %x5D-7E, which these
 * keep to.
 */
public enum Reason implements Refusal {
    MULTIPLE_AUTHORIZATION_HEADERS(ErrorCode.INVALID_REQUEST, "More than one Authorization header"),
    MALFORMED_AUTHORIZATION(ErrorCode.INVALID_REQUEST, "The Authorization header is not of the form Bearer token"),
    MALFORMED_DPOP_AUTHORIZATION(ErrorCode.INVALID_REQUEST, "The Authorization header is not of the form DPoP token"),
    MULTIPLE_DPOP_PROOFS(ErrorCode.INVALID_REQUEST, "More than one DPoP header"),
    PROOF_WITH_BEARER(ErrorCode.INVALID_REQUEST, "A DPoP proof came with a Bearer token"),
    TOKEN_TOO_LONG(ErrorCode.INVALID_REQUEST, "The token is longer than allowed"),
    UNPLACEABLE_PATH(ErrorCode.INVALID_REQUEST, "The request path does not say which protected resource it is for"),
    MALFORMED_TOKEN(ErrorCode.INVALID_TOKEN, "The token is not a well-formed signed JWT"),
    ALGORITHM_NOT_ACCEPTED(ErrorCode.INVALID_TOKEN, "The token signing algorithm is not accepted"),
    TYPE_NOT_ACCEPTED(ErrorCode.INVALID_TOKEN, "The token type is not accepted"),
    SENDER_CONSTRAINED(ErrorCode.INVALID_TOKEN, "The token is bound to a key that the request does not prove"),
    NOT_DPOP_BOUND(ErrorCode.INVALID_TOKEN, "The token is not bound to a DPoP key"),
    DPOP_REQUIRED(ErrorCode.INVALID_TOKEN, "This resource requires a DPoP-bound token"),
    CERTIFICATE_MISMATCH(ErrorCode.INVALID_TOKEN,
            "The token is bound to a certificate that the request does not present"),
    UNSUPPORTED_CONFIRMATION(ErrorCode.INVALID_TOKEN, "The token is bound in a way that is not supported"),
    CRITICAL_HEADER(ErrorCode.INVALID_TOKEN, "The token has critical header parameters that are not understood"),
    ISSUER_NOT_TRUSTED(ErrorCode.INVALID_TOKEN, "The token issuer is not trusted"),
    UNKNOWN_KEY(ErrorCode.INVALID_TOKEN, "The token signing key is unknown"),
    BAD_SIGNATURE(ErrorCode.INVALID_TOKEN, "The token signature is invalid"),
    MISSING_EXPIRY(ErrorCode.INVALID_TOKEN, "The token has no expiry"),
    EXPIRED(ErrorCode.INVALID_TOKEN, "The token has expired"),
    NOT_YET_VALID(ErrorCode.INVALID_TOKEN, "The token is not yet valid"),
    ISSUED_IN_FUTURE(ErrorCode.INVALID_TOKEN, "The token issue time is in the future"),
    AUDIENCE_NOT_ACCEPTED(ErrorCode.INVALID_TOKEN, "The token is not meant for this audience"),
    MALFORMED_CLAIMS(ErrorCode.INVALID_TOKEN, "The token claims are malformed"),
    INACTIVE(ErrorCode.INVALID_TOKEN, "The token is not active"),
    SCOPE_MISSING(ErrorCode.INSUFFICIENT_SCOPE, "The token lacks a required scope"),
    ROLE_MISSING(ErrorCode.INSUFFICIENT_SCOPE, "The token lacks a required role"),
    ACCESS_DENIED(ErrorCode.INSUFFICIENT_SCOPE, "Access to this resource is denied"),
    /** RFC 9470 §3's own example text. */
    AUTHENTICATION_LEVEL(ErrorCode.INSUFFICIENT_USER_AUTHENTICATION, "A different authentication level is required"),
    AUTHENTICATION_AGE(ErrorCode.INSUFFICIENT_USER_AUTHENTICATION, "More recent authentication is required");

    private final ErrorCode code;
    private final String description;

    Reason(ErrorCode code, String description) {
        this.code = code;
        this.description = description;
    }

    @Override
    public ErrorCode code() {
        return code;
    }

    @Override
    public String description() {
        return description;
    }
}
