package org.bearerguard.internal.observe;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.bearerguard.internal.log.RateLimitedLog;

/**
 * A {@link Recorder} that never throws: a metrics registry that fails (a name registered with other metadata by
 * another application, say) must not turn a decision already made into a 500, nor an installed key set into a failed
 * fetch. What fails is dropped and logged at most once a minute, naming the exception class only.
 */
public final class GuardedRecorder implements Recorder {

    private static final System.Logger LOG = System.getLogger(GuardedRecorder.class.getName());
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    private final Recorder recorder;

    private GuardedRecorder(Recorder recorder) {
        this.recorder = recorder;
    }

    /** {@code recorder} guarded; {@link Recorder#NONE} as it is (it cannot fail). */
    public static Recorder of(Recorder recorder) {
        return recorder == NONE || recorder instanceof GuardedRecorder ? recorder : new GuardedRecorder(recorder);
    }

    @Override
    public boolean timed() {
        return recorder.timed();
    }

    @Override
    public void accepted(String issuer, long nanos) {
        guard(() -> recorder.accepted(issuer, nanos));
    }

    @Override
    public void refused(String issuer, Enum<?> reason, long nanos) {
        guard(() -> recorder.refused(issuer, reason, nanos));
    }

    @Override
    public void cacheLookup(boolean hit) {
        guard(() -> recorder.cacheLookup(hit));
    }

    @Override
    public void fetched(String issuer, Fetch outcome, long nanos) {
        guard(() -> recorder.fetched(issuer, outcome, nanos));
    }

    @Override
    public void issuers(Map<String, Supplier<Instant>> keySetFetchedAt) {
        guard(() -> recorder.issuers(keySetFetchedAt));
    }

    /** The recorder this one guards. */
    public Recorder guarded() {
        return recorder;
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            FAILURES.log(Level.WARNING, () -> "bearer-guard: a metric could not be recorded ("
                    + e.getClass().getName() + "); requests are not affected");
        }
    }
}
