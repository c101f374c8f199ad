package org.bearerguard.internal.dpop;

/**
 * A refusal on its way out of the checks, turned into a {@link ProofResult.Refused} by {@link DpopVerifier}: never
 * leaves the package. No stack trace (refusals are common and say all in their reason).
 */
final class ProofException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DpopReason reason;

    ProofException(DpopReason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    DpopReason reason() {
        return reason;
    }
}
