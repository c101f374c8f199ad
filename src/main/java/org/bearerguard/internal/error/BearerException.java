package org.bearerguard.internal.error;

import java.time.Duration;
import java.util.List;

/**
 * Carries a {@link BearerError} out of the pipeline. Without a stack trace: these are expected outcomes, thrown
 * per rejected request, and nothing about them is worth the cost of one.
 */
public final class BearerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient BearerError error;
    private final Challenges challenges;
    /** The configured name of the issuer whose token was refused, or null when none could be told. */
    private final String issuer;

    public BearerException(BearerError error) {
        this(error, Challenges.BEARER, null);
    }

    private BearerException(BearerError error, Challenges challenges, String issuer) {
        super(error.toString(), null, false, false);
        this.error = error;
        this.challenges = challenges;
        this.issuer = issuer;
    }

    public BearerError error() {
        return error;
    }

    /** Which schemes the refusal challenges the client with ({@link Challenges#BEARER} unless said otherwise). */
    public Challenges challenges() {
        return challenges;
    }

    /** The same refusal, challenging with these schemes. */
    public BearerException challenging(Challenges with) {
        return with == challenges ? this : new BearerException(error, with, issuer);
    }

    /**
     * The configured name of the issuer whose token this refuses, for what is recorded about it
     * ({@code observe.Recorder}); null when no configured issuer could be told.
     */
    public String issuer() {
        return issuer;
    }

    /** The same refusal, of a token of the issuer of this configured name (unless one was named already). */
    public BearerException of(String issuerName) {
        return issuer != null || issuerName == null ? this : new BearerException(error, challenges, issuerName);
    }

    public static BearerException missingCredentials() {
        return new BearerException(new BearerError.MissingCredentials());
    }

    /** Refused with this reason, under the error code it carries. */
    public static BearerException refused(Refusal reason) {
        return new BearerException(new BearerError.Refused(reason));
    }

    /** 403 {@code insufficient_scope} naming the scopes the resource requires. */
    public static BearerException missingScopes(List<String> required) {
        return new BearerException(new BearerError.Refused(Reason.SCOPE_MISSING, required));
    }

    /** 401 {@code insufficient_user_authentication} with what the resource asks for (RFC 9470 §3). */
    public static BearerException stepUp(Reason reason, List<String> acrValues, long maxAge) {
        return new BearerException(new BearerError.Refused(reason, List.of(), java.util.Optional.empty(),
                java.util.Optional.of(new BearerError.StepUp(acrValues, maxAge))));
    }

    public static BearerException keysUnavailable(Duration retryAfter) {
        return new BearerException(new BearerError.KeysUnavailable(retryAfter));
    }
}
