package org.bearerguard.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bearer.servlet.paths}: as servlet mappings read, against the container's normalised path. */
class ServletPathsTest {

    private final ServletPaths paths = new ServletPaths(List.of("/mcp", "/tools/*"));

    @Test
    void whenAPatternIsExactThenOnlyThatPathIsGuarded() {
        assertThat(paths.match("/mcp")).hasValue("/mcp");
        assertThat(paths.match("/mcp/x")).isEmpty();
        assertThat(paths.match("/mcpx")).isEmpty();
    }

    @Test
    void whenAPatternEndsInSlashStarThenThePathAndEverythingBelowIsGuarded() {
        assertThat(paths.match("/tools")).hasValue("/tools");
        assertThat(paths.match("/tools/a/b")).hasValue("/tools");
        assertThat(paths.match("/toolsx")).isEmpty();
        assertThat(paths.match("/")).isEmpty();
    }
}
