package org.bearerguard.internal.servlet;

import java.util.List;
import java.util.Optional;

/**
 * The servlet paths {@code bearer.servlet.paths} guards: {@code /mcp} is that path only, {@code /mcp/*} that path
 * and everything below it (as servlet mappings read). Matched against the container's decoded, normalised path
 * below the context root (servlet path plus path info), never the raw request URI.
 */
final class ServletPaths {

    private final List<String> exact;
    private final List<String> prefixes;

    ServletPaths(List<String> patterns) {
        this.exact = patterns.stream().filter(p -> !p.endsWith("/*")).toList();
        this.prefixes = patterns.stream().filter(p -> p.endsWith("/*")).map(p -> p.substring(0, p.length() - 2))
                .toList();
    }

    boolean isEmpty() {
        return exact.isEmpty() && prefixes.isEmpty();
    }

    /** The guarded path the request path falls under (the pattern without {@code /*}), if any. */
    Optional<String> match(String path) {
        for (var e : exact) {
            if (path.equals(e)) {
                return Optional.of(e);
            }
        }
        for (var p : prefixes) {
            if (path.equals(p) || path.startsWith(p + "/")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
