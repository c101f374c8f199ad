package org.bearerguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Calls released together, one thread each, as a burst of requests arrives. */
public final class AllAtOnce {

    private AllAtOnce() {
    }

    /** Runs every call at the same moment and returns their results in order; the first failure is thrown. */
    public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(calls.size());
        try {
            var futures = new ArrayList<Future<T>>();
            for (var call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code count} times the same call, all at once. */
    public static <T> List<T> repeat(int count, Callable<T> call) throws Exception {
        return run(java.util.Collections.nCopies(count, call));
    }
}
