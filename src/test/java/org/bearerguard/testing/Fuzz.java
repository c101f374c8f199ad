package org.bearerguard.testing;

import java.util.Random;
import java.util.function.Function;

/**
 * A seeded fuzz loop: {@code cases} inputs from a generator, each checked; a failure names the seed and the case, so
 * it replays exactly. Every {@code mvn verify} runs {@link #DEFAULT_CASES} per property with the fixed seed; the long
 * run raises it: {@code -Dfuzz.cases=1000000} (README, Security).
 */
public final class Fuzz {

    public static final int DEFAULT_CASES = 2000;
    public static final long DEFAULT_SEED = 20261128L;

    private Fuzz() {
    }

    /** A check that may throw anything: an assertion error, or the exception the code under test let escape. */
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    public static int cases() {
        return Integer.getInteger("fuzz.cases", DEFAULT_CASES);
    }

    /** Runs the check on {@link #cases()} generated inputs; returns how many ran. */
    public static <T> int run(Function<Random, T> generator, Check<T> check) {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        var random = new Random(seed);
        int cases = cases();
        for (int i = 0; i < cases; i++) {
            var input = generator.apply(random);
            try {
                check.accept(input);
            } catch (Throwable t) {
                throw new AssertionError("fuzz case " + i + " (seed " + seed + ") failed for input: "
                        + describe(input), t);
            }
        }
        return cases;
    }

    private static String describe(Object input) {
        var text = input instanceof Object[] array ? java.util.Arrays.deepToString(array) : String.valueOf(input);
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
