package org.bearerguard.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.keys.KeySources;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: check {@code bearer-guard}, one entry per issuer ({@link KeyHealth#readiness()}). Added by
 * {@link HealthExtension} only where the application sees MicroProfile Health; probes run on the server's threads and
 * only read ({@link KeyHealth}).
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private KeyHealth health;

    /** For CDI's client proxy only. */
    protected ReadinessCheck() {
    }

    @Inject
    public ReadinessCheck(BearerConfig config, KeySources keys) {
        this.health = new KeyHealth(config, keys, Clock.systemUTC());
    }

    @Override
    public HealthCheckResponse call() {
        return HealthResponses.of(health.readiness());
    }
}
