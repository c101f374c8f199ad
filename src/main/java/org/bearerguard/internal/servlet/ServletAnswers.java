package org.bearerguard.internal.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bearerguard.internal.error.ErrorResponder;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.internal.error.ExposedHeaders;

/** How {@link BearerServletFilter} answers a request it refuses: the same responses as the JAX-RS filter's. */
final class ServletAnswers {

    private ServletAnswers() {
    }

    static void write(HttpServletResponse response, ErrorResponse error) throws IOException {
        response.setStatus(error.status());
        error.headers().forEach(response::setHeader);
        exposeChallenge(response);
        if (error.json().isPresent()) {
            var bytes = error.json().get().getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    /**
     * Undoes what the servlet began of its answer (status, headers, body, its choice of writer or stream), keeping
     * the CORS headers a filter before it set, so that a browser can read the refusal.
     */
    static void restart(HttpServletResponse response) {
        var kept = new LinkedHashMap<String, List<String>>();
        for (var name : response.getHeaderNames()) {
            if (name.regionMatches(true, 0, "Access-Control-", 0, 15) || name.equalsIgnoreCase("Vary")) {
                kept.put(name, List.copyOf(response.getHeaders(name)));
            }
        }
        response.reset();
        kept.forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    }

    static void plain(HttpServletResponse response, int status, String description) throws IOException {
        var json = "{\"error\":\"invalid_request\",\"error_description\":\"" + description + "\"}";
        write(response, new ErrorResponse(status, Map.of(ErrorResponder.CACHE_CONTROL, "no-store"),
                Optional.of(json)));
    }

    /** A browser client reads the challenge only if CORS exposes it (set by the application's own CORS filter). */
    static void exposeChallenge(HttpServletResponse response) {
        if (response.getHeader(ErrorResponder.WWW_AUTHENTICATE) == null
                || response.getHeader(ExposedHeaders.ALLOW_ORIGIN) == null) {
            return;
        }
        var exposed = response.getHeader(ExposedHeaders.EXPOSE);
        response.setHeader(ExposedHeaders.EXPOSE,
                ExposedHeaders.with(exposed, ErrorResponder.WWW_AUTHENTICATE));
    }
}
