package org.bearerguard.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import org.bearerguard.testing.Fakes;
import org.junit.jupiter.api.Test;

/**
 * The metadata servlet when the configuration cannot be had from CDI (no CDI provider here; on a server: a
 * deployment under way, or a {@code bearer.*} error that {@code BearerConfig}'s producer throws): 503 with
 * Retry-After, as both filters answer then, never an exception for the container to turn into a 500.
 */
class MetadataServletTest {

    @Test
    void whenTheConfigurationCannotBeHadThenTheMetadataRequestIsAnsweredWithoutAnEscapingException() {
        var status = new int[] {200};
        var headers = new HashMap<String, String>();
        HttpServletResponse response = Fakes.of(HttpServletResponse.class, (m, a) -> switch (m.getName()) {
            case "setStatus" -> {
                status[0] = (Integer) a[0];
                yield null;
            }
            case "setHeader" -> {
                headers.put((String) a[0], (String) a[1]);
                yield null;
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
        HttpServletRequest request = Fakes.of(HttpServletRequest.class, (m, a) -> switch (m.getName()) {
            case "getMethod" -> "GET";
            case "getPathInfo" -> null;
            default -> throw new UnsupportedOperationException(m.getName());
        });
        var servlet = new MetadataServlet(List.of());

        assertThatCode(() -> servlet.doGet(request, response)).doesNotThrowAnyException();
        assertThat(status[0]).isEqualTo(503);
        assertThat(headers).containsEntry("Retry-After", "5");
    }
}
