package org.bearerguard.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link WithTestIssuer}: one issuer per test class, made on first use and kept in the class's
 * store, which closes it when the class is done (JUnit closes stored {@link AutoCloseable} values; older JUnit 5 the
 * {@code CloseableResource} the holder also is). Nested classes share their outer class's issuer.
 */
public final class TestIssuerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestIssuerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestIssuer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var owner = classContext(context);
        var settings = owner.getRequiredTestClass().getAnnotation(WithTestIssuer.class);
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(Holder.class, k -> new Holder(start(settings)),
                Holder.class).issuer;
    }

    private static TestIssuer start(WithTestIssuer settings) {
        if (settings == null) {
            return TestIssuer.start();
        }
        return TestIssuer.start(settings.audience(), SigningKey.forAlgorithm("key-1", settings.algorithm()));
    }

    /** The context of the outermost class that carries {@link WithTestIssuer} (or the nearest class). */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext found = null;
        for (var c = context; c != null && c.getTestClass().isPresent(); c = c.getParent().orElse(null)) {
            if (c.getTestMethod().isEmpty() && (found == null
                    || c.getRequiredTestClass().isAnnotationPresent(WithTestIssuer.class))) {
                found = c;
            }
        }
        return found != null ? found : context;
    }

    @SuppressWarnings("deprecation")
    private record Holder(TestIssuer issuer) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            issuer.close();
        }
    }
}
