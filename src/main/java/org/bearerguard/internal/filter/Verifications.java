package org.bearerguard.internal.filter;

import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.observe.Recorder;

/**
 * Tells the {@link Recorder} how each request the pipeline saw fared: let in, or refused with which outcome, for
 * which configured issuer, and (only where the recorder wants durations) how long bearer-guard took over it.
 */
final class Verifications {

    private final Recorder recorder;
    private final boolean timed;

    Verifications(Recorder recorder) {
        this.recorder = recorder;
        this.timed = recorder.timed();
    }

    /** The start of one request's verification: no clock read unless durations are recorded. */
    long start() {
        return timed ? System.nanoTime() : 0;
    }

    void accepted(String issuer, long start) {
        recorder.accepted(issuer, elapsed(start));
    }

    /** @param issuer the issuer the token was verified for, if it got that far (the refusal may name it too) */
    void refused(BearerException refusal, String issuer, long start) {
        recorder.refused(refusal.issuer() != null ? refusal.issuer() : issuer, outcome(refusal.error()),
                elapsed(start));
    }

    /** A defect of ours on the way (500). */
    void failed(String issuer, long start) {
        recorder.refused(issuer, Recorder.Outcome.SERVER_ERROR, elapsed(start));
    }

    /** The fixed outcome of a refusal: its reason ({@code error.Reason}, {@code dpop.DpopReason}) or its kind. */
    static Enum<?> outcome(BearerError error) {
        if (error instanceof BearerError.Refused refused) {
            return refused.reason() instanceof Enum<?> reason ? reason : Recorder.Outcome.SERVER_ERROR;
        }
        if (error instanceof BearerError.MissingCredentials) {
            return Recorder.Outcome.MISSING_CREDENTIALS;
        }
        if (error instanceof BearerError.KeysUnavailable) {
            return Recorder.Outcome.KEYS_UNAVAILABLE;
        }
        return Recorder.Outcome.SERVER_ERROR;
    }

    private long elapsed(long start) {
        return timed ? System.nanoTime() - start : 0;
    }
}
