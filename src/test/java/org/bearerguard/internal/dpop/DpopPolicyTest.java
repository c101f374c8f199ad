package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A policy that could let a MAC, {@code none} or a nonsensical window through never gets built. */
class DpopPolicyTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "HS512", "ES256K", "es256", "RSA-OAEP"})
    void whenAnAlgorithmIsNotAnAsymmetricSignatureWeSupportThenRefused(String alg) {
        assertThatThrownBy(() -> new DpopPolicy(Set.of("ES256", alg), WINDOW, Duration.ZERO, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(alg);
    }

    @Test
    void whenNoAlgorithmIsGivenThenRefused() {
        assertThatThrownBy(() -> new DpopPolicy(Set.of(), WINDOW, Duration.ZERO, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenTheWindowIsNotPositiveOrTheSkewNegativeThenRefused() {
        assertThatThrownBy(() -> new DpopPolicy(Set.of("ES256"), Duration.ZERO, Duration.ZERO, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DpopPolicy(Set.of("ES256"), WINDOW, Duration.ofSeconds(-1), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenTheGivenSetChangesLaterThenThePolicyDoesNot() {
        var algorithms = new HashSet<>(Set.of("ES256"));
        var policy = new DpopPolicy(algorithms, WINDOW, Duration.ZERO, Optional.empty());

        algorithms.add("RS256");

        assertThat(policy.algorithms()).containsExactly("ES256");
    }
}
