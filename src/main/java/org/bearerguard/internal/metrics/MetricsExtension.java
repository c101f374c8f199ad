package org.bearerguard.internal.metrics;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.literal.SingletonLiteral;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;
import org.bearerguard.internal.observe.OptionalApi;

/**
 * Adds {@link MetricsRecorder} as the application's {@code observe.Recorder} where it sees the MicroProfile Metrics
 * API, and nothing elsewhere (the key sources then use the no-op recorder). CDI never scans this package (the
 * library's beans.xml excludes it), so where the API is missing no class that names it is ever loaded: this
 * extension names the recorder only by a class literal, which the JVM resolves when the line runs, past the test.
 *
 * <p>A {@code @Singleton}: one instance, injected without a client proxy, so that a request calls it directly.
 * Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}; CDI calls it once, during
 * deployment.
 */
public class MetricsExtension implements Extension {

    /** What the recorder needs of the API. */
    static final List<String> API = List.of("org.eclipse.microprofile.metrics.MetricRegistry",
            "org.eclipse.microprofile.metrics.Counter", "org.eclipse.microprofile.metrics.Timer",
            "org.eclipse.microprofile.metrics.Metadata", "org.eclipse.microprofile.metrics.Tag");

    void addRecorder(@Observes BeforeBeanDiscovery event) {
        if (OptionalApi.visible(MetricsExtension.class.getClassLoader(), API)) {
            event.addAnnotatedType(MetricsRecorder.class, MetricsRecorder.class.getName())
                    .add(SingletonLiteral.INSTANCE);
        }
    }
}
