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

    /**
     * The guarded path a servlet mapping ({@code /x}, {@code /x/*}, {@code /*}, {@code *.ext}) may capture, if any:
     * a servlet that can serve a guarded path is guarded for every request it serves, whatever its path (the MCP
     * SDK's transport, mapped to {@code /*}, serves any URI that ends with its endpoint). The default servlet
     * ({@code /}) and the context root's ({@code ""}) are left out.
     */
    Optional<String> capturedBy(String mapping) {
        if (mapping.equals("/*")) {
            return exact.isEmpty() ? prefixes.stream().findFirst() : exact.stream().findFirst();
        }
        if (mapping.startsWith("*.")) {
            var extension = mapping.substring(1);
            // a path below a guarded prefix is matched by path: the servlet path of an extension mapping is the
            // whole path
            return exact.stream().filter(e -> e.endsWith(extension)).findFirst();
        }
        boolean wildcard = mapping.endsWith("/*");
        var base = wildcard ? mapping.substring(0, mapping.length() - 2) : mapping;
        if (!base.startsWith("/")) {
            return Optional.empty();
        }
        for (var e : exact) {
            if (e.equals(base) || wildcard && e.startsWith(base + "/")) {
                return Optional.of(e);
            }
        }
        for (var p : prefixes) {
            if (p.equals(base) || base.startsWith(p + "/") || wildcard && p.startsWith(base + "/")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
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
