package org.bearerguard.internal.observe;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What bearer-guard tells an observer: each verification with its outcome, each lookup of the verified-token cache,
 * each fetch of a key set, and the configured issuers with where to read each one's key set age. {@link #NONE} (every method a no-op, and
 * {@link #timed()} false, so that no clock is read for it) unless a metrics API is present
 * ({@code metrics.MetricsRecorder}).
 *
 * <p>Issuers are named by their configured names ({@code default} for {@code bearer.issuer}), or null where no
 * configured issuer could be told (no token, a malformed one, an unconfigured {@code iss}). An outcome is a fixed
 * enum constant: {@code error.Reason}, {@code dpop.DpopReason} or {@link Outcome}. Nothing else reaches a recorder:
 * never a subject, a client id, a {@code kid} or a URL.
 *
 * <p>Threads: request threads call {@link #accepted}, {@link #refused} and {@link #cacheLookup}; the HTTP
 * client's threads call {@link #fetched}; {@link #issuers} is called once, as the key sources are built.
 * An implementation must not block.
 */
public interface Recorder {

    /** Records nothing. */
    Recorder NONE = new Recorder() {
    };

    /** The outcomes that are neither a token's nor a DPoP proof's refusal reason. */
    enum Outcome {
        /** No credentials at all (401 without an error code). */
        MISSING_CREDENTIALS,
        /** No usable keys (or a full DPoP replay store): 503. */
        KEYS_UNAVAILABLE,
        /** A defect of ours: 500. */
        SERVER_ERROR
    }

    /** What a fetch of a key set from its issuer came to. */
    enum Fetch {
        /** A key set received and installed. */
        SUCCESS,
        /** 304: the key set held was renewed. */
        NOT_MODIFIED,
        /** No usable key set: connection, status, size, content, or discovery. */
        FAILURE
    }

    /** Whether durations are recorded: if not, callers read no clock for them. */
    default boolean timed() {
        return false;
    }

    /** A request let in, {@code nanos} after bearer-guard began with it (0 unless {@link #timed()}). */
    default void accepted(String issuer, long nanos) {
    }

    /** A request refused for {@code reason}: a {@code Reason}, a {@code DpopReason} or an {@link Outcome}. */
    default void refused(String issuer, Enum<?> reason, long nanos) {
    }

    /** A token looked up in the verified-token cache: answered from it, or verified in full. */
    default void cacheLookup(boolean hit) {
    }

    /** One fetch of {@code issuer}'s key set, {@code nanos} from start to result (0 unless {@link #timed()}). */
    default void fetched(String issuer, Fetch outcome, long nanos) {
    }

    /**
     * The configured issuers, by name, each with where to read when its key set in use was fetched (null while there
     * is none). Called once, as the key sources are built, before any other method; each supplier only reads memory.
     */
    default void issuers(Map<String, Supplier<Instant>> keySetFetchedAt) {
    }
}
