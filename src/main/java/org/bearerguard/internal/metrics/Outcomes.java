package org.bearerguard.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bearerguard.internal.dpop.DpopReason;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.observe.Recorder;

/**
 * The fixed set of {@code outcome} values of {@code bearerguard.verifications}: {@code accepted}, each
 * {@link Reason} ({@code expired}, {@code bad_signature}, {@code unknown_key}…), each {@link DpopReason} prefixed
 * {@code dpop_} (their names overlap the token's), and each {@link Recorder.Outcome}
 * ({@code missing_credentials}, {@code keys_unavailable}, {@code server_error}). Each has an index, for an array
 * slot per issuer and outcome.
 */
final class Outcomes {

    private static final int REASONS = Reason.values().length;
    private static final int DPOP = DpopReason.values().length;
    private static final int OTHERS = Recorder.Outcome.values().length;
    static final int ACCEPTED = REASONS + DPOP + OTHERS;
    static final int COUNT = ACCEPTED + 1;
    private static final List<String> NAMES = names();

    private Outcomes() {
    }

    /** The outcome's index: any other enum constant (there is none) counts as a server error. */
    static int index(Enum<?> outcome) {
        if (outcome instanceof Reason) {
            return outcome.ordinal();
        }
        if (outcome instanceof DpopReason) {
            return REASONS + outcome.ordinal();
        }
        if (outcome instanceof Recorder.Outcome) {
            return REASONS + DPOP + outcome.ordinal();
        }
        return REASONS + DPOP + Recorder.Outcome.SERVER_ERROR.ordinal();
    }

    /** The tag value of the outcome at {@code index}. */
    static String name(int index) {
        return NAMES.get(index);
    }

    /** Every tag value, in index order. */
    static List<String> all() {
        return NAMES;
    }

    private static List<String> names() {
        var names = new ArrayList<String>(COUNT);
        for (var reason : Reason.values()) {
            names.add(lower(reason));
        }
        for (var reason : DpopReason.values()) {
            names.add("dpop_" + lower(reason));
        }
        for (var outcome : Recorder.Outcome.values()) {
            names.add(lower(outcome));
        }
        names.add("accepted");
        return List.copyOf(names);
    }

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
