package org.bearerguard.internal.health;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;
import org.bearerguard.internal.observe.OptionalApi;

/**
 * Adds {@link StartupCheck} and {@link ReadinessCheck} as the application's beans where it sees the MicroProfile
 * Health API, and nothing elsewhere. CDI never scans this package (the library's beans.xml excludes it), so where the
 * API is missing no class that names it is ever loaded: this extension names the checks only by class literals, which
 * the JVM resolves when the line runs, past the test for the API.
 *
 * <p>Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}; CDI calls it once, during
 * deployment.
 */
public class HealthExtension implements Extension {

    /** What the checks need of the API: the interface, both qualifiers, and the response. */
    static final List<String> API = List.of("org.eclipse.microprofile.health.HealthCheck",
            "org.eclipse.microprofile.health.HealthCheckResponse", "org.eclipse.microprofile.health.Readiness",
            "org.eclipse.microprofile.health.Startup");

    void addChecks(@Observes BeforeBeanDiscovery event) {
        if (OptionalApi.visible(HealthExtension.class.getClassLoader(), API)) {
            event.addAnnotatedType(StartupCheck.class, StartupCheck.class.getName());
            event.addAnnotatedType(ReadinessCheck.class, ReadinessCheck.class.getName());
        }
    }
}
