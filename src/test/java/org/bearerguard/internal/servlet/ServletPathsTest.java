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

    @Test
    void whenAServletHasAnExtensionMappingThenItIsGuardedOnlyForAGuardedPathWithThatExtension() {
        assertThat(new ServletPaths(List.of("/mcp/*")).capturedBy("*.jsp")).as("the JSP servlet").isEmpty();
        assertThat(new ServletPaths(List.of("/tools/run.do")).capturedBy("*.do")).hasValue("/tools/run.do");
    }

    @Test
    void whenAServletMappingCanCaptureAGuardedPathThenTheServletIsGuarded() {
        assertThat(paths.capturedBy("/*")).hasValue("/mcp");
        assertThat(paths.capturedBy("/mcp")).hasValue("/mcp");
        assertThat(paths.capturedBy("/tools/x/*")).as("below a guarded prefix").hasValue("/tools");
        assertThat(paths.capturedBy("/other/*")).isEmpty();
        assertThat(paths.capturedBy("/")).as("the default servlet").isEmpty();
    }
}
