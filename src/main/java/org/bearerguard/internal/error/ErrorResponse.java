package org.bearerguard.internal.error;

import java.util.Map;
import java.util.Optional;

/**
 * A rendered refusal, independent of JAX-RS: status, headers and an optional JSON body.
 *
 * @param status  HTTP status
 * @param headers response headers (name to value), in the order they were added
 * @param json    JSON body, if any
 */
public record ErrorResponse(int status, Map<String, String> headers, Optional<String> json) {

    public ErrorResponse {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
