package org.bearerguard.internal.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** A {@link KeyHealth.Report} as MicroProfile Health answers it: one check named {@code bearer-guard}. */
final class HealthResponses {

    private HealthResponses() {
    }

    /**
     * Built with the response's own constructor, not {@code HealthCheckResponse.named(…)}: that looks up the
     * server's response provider through a service loader at each call.
     */
    static HealthCheckResponse of(KeyHealth.Report report) {
        Map<String, Object> data = new LinkedHashMap<>(report.data());
        return new HealthCheckResponse(KeyHealth.CHECK_NAME,
                report.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(Collections.unmodifiableMap(data)));
    }
}
