package org.bearerguard.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which bearer-guard logged at WARNING or above: no client input may make it warn (a warning
 * per request is a defect and a log flood). For the corpus and fuzz tests, whose inputs are all the client's.
 */
public final class NoWarningsLogged implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoWarningsLogged.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("log", new LogCapture());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try (var log = context.getStore(NS).remove("log", LogCapture.class)) {
            var warnings = log.lines().stream()
                    .filter(l -> l.startsWith("WARNING") || l.startsWith("SEVERE")).toList();
            if (!warnings.isEmpty()) {
                throw new AssertionError("logged at WARNING or above while handling client input: "
                        + warnings.subList(0, Math.min(5, warnings.size())));
            }
        }
    }
}
