package org.bearerguard.internal.extract;

/**
 * What the {@code Authorization} header presents: a token under one of the two schemes this library understands.
 *
 * @param scheme how the token is presented
 * @param token  the token, scanned
 */
public record Credentials(Scheme scheme, BearerToken token) {

    /** {@code Bearer} (RFC 6750 §2.1) or {@code DPoP} (RFC 9449 §7.1); both case-insensitive (RFC 9110 §11.1). */
    public enum Scheme {
        BEARER, DPOP
    }
}
