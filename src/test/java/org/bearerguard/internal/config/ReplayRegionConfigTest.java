package org.bearerguard.internal.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * with a shared cache, {@code bearer.dpop.replay.name} equal to {@code bearer.cache.name} makes
 * {@code RegionHandle.lookUp} find the key-set region and write every used proof into it, under its 7-day lifetime:
 * the used proofs then compete with the key sets, leases and allowances for the provider's bound.
 */
class ReplayRegionConfigTest {

    @Test
    void whenTheReplayRegionIsTheKeySetRegionThenTheConfigurationIsRefused() {
        var values = new HashMap<>(Map.of("bearer.issuer", "https://id.example/realms/a", "bearer.audience", "api",
                "bearer.cache.provider", "hazelcast", "bearer.cache.secret", "a secret of at least thirty-two bytes",
                "bearer.dpop.replay.name", "bearer-guard-jwks"));

        assertThatThrownBy(() -> new ConfigReader(k -> Optional.ofNullable(values.get(k)), values.keySet()).read())
                .isInstanceOf(BearerConfigException.class).hasMessageContaining("bearer.dpop.replay.name");
    }
}
