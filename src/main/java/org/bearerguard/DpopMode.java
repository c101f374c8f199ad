package org.bearerguard;

/**
 * Whether a resource takes DPoP-bound access tokens (RFC 9449), as {@link BearerProtected#dpop()} says. Whatever the
 * mode, a token bound to a DPoP key ({@code cnf.jkt}) is never accepted as a plain bearer token (§7.2).
 */
public enum DpopMode {
    /** As {@code bearer.dpop} configures it for the token's issuer ({@code allowed} unless configured). */
    CONFIGURED,
    /** {@code Authorization: DPoP} is not understood here; DPoP-bound tokens are refused. */
    OFF,
    /** Bearer tokens, and DPoP-bound tokens with a valid proof. */
    ALLOWED,
    /** Only DPoP-bound tokens with a valid proof. */
    REQUIRED;

    /**
     * What two requirements that both hold come to: {@link #CONFIGURED} gives way to the other, {@link #ALLOWED} to
     * the stricter one; {@link #OFF} and {@link #REQUIRED} together admit no request (null).
     */
    public DpopMode and(DpopMode other) {
        if (this == other || other == CONFIGURED) {
            return this;
        }
        if (this == CONFIGURED || this == ALLOWED) {
            return other;
        }
        if (other == ALLOWED) {
            return this;
        }
        return null;
    }
}
