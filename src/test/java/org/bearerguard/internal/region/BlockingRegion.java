package org.bearerguard.internal.region;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.bearerguard.internal.config.BearerConfig;

/**
 * A real (Ehcache) region whose every operation can be held up until the test lets it go: a distributed cache
 * that has stopped answering, without timing. While {@link #block()} is in force, each cache call waits (up to a
 * minute, so a broken test still ends); while {@link #failWith} is, each throws.
 */
public final class BlockingRegion implements AutoCloseable {

    private final JwksRegion region;
    private final Runnable close;
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicReference<Error> failure = new AtomicReference<>();

    private BlockingRegion(BearerConfig.CacheSettings settings, boolean shared) {
        var opened = CacheManagers.open(settings);
        this.close = opened.close();
        var manager = proxy(CacheManager.class, opened.manager(), true);
        this.region = new JwksRegion(settings.regionName(), manager, () -> { }, EntrySeal.of(settings), shared);
    }

    public static BlockingRegion open(BearerConfig.CacheSettings settings) {
        return new BlockingRegion(settings, settings.shared());
    }

    /** As {@link #open}, but a region other processes are taken to share (as a distributed cache would be). */
    public static BlockingRegion openShared(BearerConfig.CacheSettings settings) {
        return new BlockingRegion(settings, true);
    }

    public JwksRegion region() {
        return region;
    }

    /** From now on, every cache operation waits for {@link #release()}. */
    public void block() {
        gate.set(new CountDownLatch(1));
    }

    public void release() {
        var g = gate.getAndSet(null);
        if (g != null) {
            g.countDown();
        }
    }

    /** From now on (until {@code null}), every cache operation throws {@code error}. */
    public void failWith(Error error) {
        failure.set(error);
    }

    /** How many cache operations have been held up so far. */
    public int held() {
        return held.get();
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, Object target, boolean manager) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (!manager && failure.get() != null) {
                throw failure.get();
            }
            if (!manager) {
                var g = gate.get();
                if (g != null) {
                    held.incrementAndGet();
                    g.await(1, TimeUnit.MINUTES);
                }
            }
            try {
                var result = method.invoke(target, args);
                return manager && result instanceof Cache<?, ?> cache ? proxy(Cache.class, cache, false) : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    public void close() {
        release();
        close.run();
    }
}
