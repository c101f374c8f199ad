package org.bearerguard.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The URI a DPoP proof must name: as received, or below the configured external base behind a proxy. */
class RequestTargetTest {

    private static final URI REQUEST = URI.create("http://10.0.0.7:9080/shop/api/orders/7?expand=lines");
    private static final URI BASE = URI.create("http://10.0.0.7:9080/shop/api/");

    @Test
    void whenNoExternalBaseIsConfiguredThenTheRequestUriIsTheTarget() {
        assertThat(RequestTarget.of(REQUEST, BASE, Optional.empty()))
                .isEqualTo("http://10.0.0.7:9080/shop/api/orders/7?expand=lines");
    }

    @Test
    void whenAnExternalBaseIsConfiguredThenThePathBelowTheApplicationBaseFollowsIt() {
        assertThat(RequestTarget.of(REQUEST, BASE, Optional.of(URI.create("https://api.example.com/v2"))))
                .isEqualTo("https://api.example.com/v2/orders/7");
    }

    @Test
    void whenTheApplicationIsAtTheRootThenTheWholePathFollowsTheExternalBase() {
        assertThat(RequestTarget.of(URI.create("http://host/orders"), URI.create("http://host/"),
                Optional.of(URI.create("https://api.example.com")))).isEqualTo("https://api.example.com/orders");
    }
}
