package org.bearerguard.internal.error;

/**
 * Every {@code error_description} a client can see. Fixed text: never a token fragment, a key, an exception message
 * or a class name. RFC 6750 §3 restricts the characters to %x20-21 / %x23-5B / %x5D-7E, which these keep to.
 */
public enum Reason {
    MULTIPLE_AUTHORIZATION_HEADERS("More than one Authorization header"),
    MALFORMED_AUTHORIZATION("The Authorization header is not of the form Bearer token"),
    TOKEN_TOO_LONG("The token is longer than allowed"),
    MALFORMED_TOKEN("The token is not a well-formed signed JWT"),
    ALGORITHM_NOT_ACCEPTED("The token signing algorithm is not accepted"),
    TYPE_NOT_ACCEPTED("The token type is not accepted"),
    CRITICAL_HEADER("The token has critical header parameters that are not understood"),
    ISSUER_NOT_TRUSTED("The token issuer is not trusted"),
    UNKNOWN_KEY("The token signing key is unknown"),
    BAD_SIGNATURE("The token signature is invalid"),
    MISSING_EXPIRY("The token has no expiry"),
    EXPIRED("The token has expired"),
    NOT_YET_VALID("The token is not yet valid"),
    ISSUED_IN_FUTURE("The token issue time is in the future"),
    AUDIENCE_NOT_ACCEPTED("The token is not meant for this audience"),
    MALFORMED_CLAIMS("The token claims are malformed"),
    SCOPE_MISSING("The token lacks a required scope"),
    ROLE_MISSING("The token lacks a required role"),
    ACCESS_DENIED("Access to this resource is denied");

    private final String description;

    Reason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
