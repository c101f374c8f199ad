package org.bearerguard.internal.metrics;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * A MicroProfile Metrics registry of counters, timers and gauges in memory, answering the calls
 * {@link MetricsRecorder} makes as the API says (the same metric for the same name and tags) and failing any other.
 */
final class FakeRegistry {

    final Map<MetricID, Object> metrics = new ConcurrentHashMap<>();
    final Map<String, Metadata> metadata = new ConcurrentHashMap<>();
    final MetricRegistry registry = (MetricRegistry) Proxy.newProxyInstance(FakeRegistry.class.getClassLoader(),
            new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> switch (method.getName()) {
                case "counter" -> register((Metadata) args[0], (Tag[]) args[1], FakeCounter::new);
                case "timer" -> register((Metadata) args[0], (Tag[]) args[1], FakeTimer::new);
                case "gauge" -> {
                    if (metrics.containsKey(new MetricID(((Metadata) args[0]).getName(), (Tag[]) args[2]))) {
                        throw new IllegalArgumentException("a gauge of that name and tags exists");
                    }
                    yield register((Metadata) args[0], (Tag[]) args[2], () -> new FakeGauge((Supplier<?>) args[1]));
                }
                case "remove" -> metrics.remove((MetricID) args[0]) != null;
                default -> throw new AssertionError("not expected: " + method);
            });

    private Object register(Metadata meta, Tag[] tags, Supplier<Object> create) {
        metadata.put(meta.getName(), meta);
        return metrics.computeIfAbsent(new MetricID(meta.getName(), tags), id -> create.get());
    }

    /** The count of this counter or timer, 0 when it was never registered; tags as name, value, name, value… */
    long count(String name, String... tags) {
        var metric = metrics.get(id(name, tags));
        return metric == null ? 0 : metric instanceof FakeCounter c ? c.getCount() : ((FakeTimer) metric).getCount();
    }

    /** The current value of this gauge. */
    Number gauge(String name, String... tags) {
        return (Number) ((FakeGauge) metrics.get(id(name, tags))).value.get();
    }

    /** Every counter with a non-zero count, as "name{tag=value,…} count", sorted. */
    Map<String, Long> nonZeroCounters() {
        var counts = new TreeMap<String, Long>();
        metrics.forEach((id, metric) -> {
            if (metric instanceof FakeCounter c && c.getCount() != 0) {
                counts.put(id.getName() + id.getTags(), c.getCount());
            }
        });
        return counts;
    }

    static MetricID id(String name, String... tags) {
        var list = new Tag[tags.length / 2];
        for (int i = 0; i < list.length; i++) {
            list[i] = new Tag(tags[2 * i], tags[2 * i + 1]);
        }
        return new MetricID(name, list);
    }

    static final class FakeCounter implements Counter {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void inc() {
            count.incrementAndGet();
        }

        @Override
        public void inc(long n) {
            count.addAndGet(n);
        }

        @Override
        public long getCount() {
            return count.get();
        }
    }

    static final class FakeTimer implements Timer {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public void update(Duration duration) {
            count.incrementAndGet();
            nanos.addAndGet(duration.toNanos());
        }

        @Override
        public <T> T time(Callable<T> event) {
            throw new AssertionError("not expected");
        }

        @Override
        public void time(Runnable event) {
            throw new AssertionError("not expected");
        }

        @Override
        public Context time() {
            throw new AssertionError("not expected");
        }

        @Override
        public Duration getElapsedTime() {
            return Duration.ofNanos(nanos.get());
        }

        @Override
        public long getCount() {
            return count.get();
        }

        @Override
        public Snapshot getSnapshot() {
            throw new AssertionError("not expected");
        }
    }

    static final class FakeGauge implements Gauge<Number> {
        final Supplier<?> value;

        FakeGauge(Supplier<?> value) {
            this.value = value;
        }

        @Override
        public Number getValue() {
            return (Number) value.get();
        }
    }
}
