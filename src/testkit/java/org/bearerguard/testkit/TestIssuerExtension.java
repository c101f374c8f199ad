package org.bearerguard.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link WithTestIssuer}: one issuer per annotated test class (the nearest one, from a test
 * outwards through {@code @Nested} classes; the annotation is inherited), made on first use and kept in that class's
 * store, which closes it when the class is done (JUnit closes stored {@link AutoCloseable} values; older JUnit 5 the
 * {@code CloseableResource} the holder also is).
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
        // keyed by the class: a store also answers from its parents' stores, where an enclosing class keeps its own
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(owner.getRequiredTestClass(),
                k -> new Holder(start(settings)), Holder.class).issuer;
    }

    private static TestIssuer start(WithTestIssuer settings) {
        if (settings == null) {
            return TestIssuer.start();
        }
        return TestIssuer.start(settings.audience(), SigningKey.forAlgorithm("key-1", settings.algorithm()));
    }

    /**
     * The context of the nearest class that carries {@link WithTestIssuer} (itself or inherited), or of the nearest
     * class where none does (the extension registered with {@code @ExtendWith}).
     */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext nearestClass = null;
        for (var c = context; c != null && c.getTestClass().isPresent(); c = c.getParent().orElse(null)) {
            if (c.getTestMethod().isPresent()) {
                continue;
            }
            if (c.getRequiredTestClass().isAnnotationPresent(WithTestIssuer.class)) {
                return c;
            }
            if (nearestClass == null) {
                nearestClass = c;
            }
        }
        return nearestClass != null ? nearestClass : context;
    }

    @SuppressWarnings("deprecation")
    private record Holder(TestIssuer issuer) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            issuer.close();
        }
    }
}
