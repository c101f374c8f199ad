package org.bearerguard.internal.dpop;

import org.bearerguard.internal.error.ErrorCode;
import org.bearerguard.internal.error.Refusal;

/**
 * Every refusal of a DPoP proof, each with its error code: a reason cannot be sent under another code. As with
 * {@code error.Reason}, descriptions are fixed text for {@code error_description}: never a claim value, a key, a URI
 * or an exception message, and only the characters RFC 6750 §3 allows (%x20-21 / %x23-5B / %x5D-7E).
 */
public enum DpopReason implements Refusal {
    /** The proof is by another key than the token is bound to: the token is what fails (RFC 9449 §7.1). */
    KEY_MISMATCH(ErrorCode.INVALID_TOKEN, "The token is bound to another key than the DPoP proof"),
    MISSING_PROOF(ErrorCode.INVALID_DPOP_PROOF, "The request has no DPoP proof"),
    REPLAYED(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof has been used before"),
    TOO_MANY_PROOFS(ErrorCode.INVALID_DPOP_PROOF, "Too many DPoP proofs for this key at once"),
    PROOF_TOO_LONG(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is longer than allowed"),
    MALFORMED_PROOF(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is not a well-formed signed JWT"),
    TYPE_NOT_ACCEPTED(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof type is not dpop+jwt"),
    ALGORITHM_NOT_ACCEPTED(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof signing algorithm is not accepted"),
    CRITICAL_HEADER(ErrorCode.INVALID_DPOP_PROOF,
            "The DPoP proof has critical header parameters that are not understood"),
    MISSING_KEY(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof header has no public key"),
    PRIVATE_KEY(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof header holds private key material"),
    KEY_NOT_ACCEPTED(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof key is not accepted for its algorithm"),
    BAD_SIGNATURE(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof signature is invalid"),
    MISSING_CLAIM(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof lacks a required claim"),
    MALFORMED_CLAIMS(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof claims are malformed"),
    METHOD_MISMATCH(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is for another HTTP method"),
    URI_MISMATCH(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is for another URI"),
    TOO_OLD(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof was issued too long ago"),
    ISSUED_IN_FUTURE(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof issue time is in the future"),
    ACCESS_TOKEN_MISMATCH(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is not bound to this access token"),
    NONCE_REQUIRED(ErrorCode.USE_DPOP_NONCE, "A DPoP nonce issued by this server is required"),
    NONCE_NOT_ACCEPTED(ErrorCode.USE_DPOP_NONCE, "The DPoP nonce is stale or was not issued by this server");

    private final ErrorCode code;
    private final String description;

    DpopReason(ErrorCode code, String description) {
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
