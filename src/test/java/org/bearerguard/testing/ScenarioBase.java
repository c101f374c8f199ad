package org.bearerguard.testing;

import org.junit.jupiter.api.AfterEach;

/**
 * For tests of one issuer publishing {@link TestKeys#RSA}: a fresh {@link Scenario} per test (JWKS server, clock
 * moved by hand, the pipelines opened), closed after it.
 */
public abstract class ScenarioBase {

    protected final Scenario scenario = new Scenario(TestKeys.RSA);
    protected final MutableClock clock = scenario.clock;
    protected final JwksServer issuer = scenario.issuer;

    @AfterEach
    void closeScenario() {
        scenario.close();
    }

    protected Pipeline pipeline(TestConfig config) {
        return scenario.pipeline(config);
    }

    protected Pipeline pipeline() {
        return scenario.pipeline();
    }
}
