package org.bearerguard.internal.dpop;

import java.nio.charset.StandardCharsets;

/**
 * The name under which an accepted proof is remembered against replay (RFC 9449 §11.1): base64url(SHA-256(htu
 * {@code "\n"} jti {@code "\n"} thumbprint)), 43 characters whatever the {@code jti}. Scoped to the {@code htu}, as
 * the RFC suggests, and to the key, so that one client's {@code jti} never blocks another's proof. The three parts
 * cannot run into each other: a normalised {@code htu} and a thumbprint hold no line feed, so the first and the last
 * line feed delimit the {@code jti}, whatever it holds. Stateless.
 */
public final class ReplayKey {

    private ReplayKey() {
    }

    /**
     * The replay key of a proof.
     *
     * @param htu        the proof's {@code htu} in its normal form (what {@link ProofResult.Valid} was computed from)
     * @param jti        the proof's {@code jti} (a string of well-formed UTF-16, as the JSON reader gives it)
     * @param thumbprint the RFC 7638 thumbprint of the proof's key
     */
    public static String of(String htu, String jti, String thumbprint) {
        return Sha256.base64Url((htu + "\n" + jti + "\n" + thumbprint).getBytes(StandardCharsets.UTF_8));
    }
}
