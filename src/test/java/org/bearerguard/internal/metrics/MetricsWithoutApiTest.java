package org.bearerguard.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.bearerguard.internal.observe.Recorder;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.bearerguard.testing.WithoutApi;
import org.junit.jupiter.api.Test;

/**
 * The library where the application does not see MicroProfile Metrics: its classes, loaded by a class loader that
 * cannot find {@code org.eclipse.microprofile.metrics}, as a server without the API would load them; and the
 * pipeline with the recorder it then has, {@link Recorder#NONE}.
 */
class MetricsWithoutApiTest {

    @Test
    void whenTheApiIsMissingThenTheExtensionAddsNoRecorderAndLoadsNone() throws Exception {
        try (var loader = new WithoutApi("org.eclipse.microprofile.metrics")) {
            var added = new ArrayList<Object>();

            observeBeforeBeanDiscovery(loader.loadClass(MetricsExtension.class.getName()), added);

            assertThat(added).isEmpty();
            assertThat(loader.loaded(MetricsRecorder.class.getName())).isFalse();
            assertThat(loader.loaded(Outcomes.class.getName())).isFalse();
        }
    }

    @Test
    void whenTheApiIsVisibleThenTheRecorderIsAddedAsASingleton() throws Exception {
        var added = new ArrayList<Object>();

        observeBeforeBeanDiscovery(MetricsExtension.class, added);

        assertThat(added).containsExactly(MetricsRecorder.class, jakarta.enterprise.inject.literal.SingletonLiteral.INSTANCE);
    }

    @Test
    void whenTheApiIsMissingThenEveryOtherLibraryClassLoadsWithAllItsMembers() throws Exception {
        var names = WithoutApi.libraryClasses(n -> n.startsWith(MetricsRecorder.class.getName()));
        try (var loader = new WithoutApi("org.eclipse.microprofile.metrics")) {
            loader.loadWithAllMembers(names);
        }
        assertThat(names).hasSizeGreaterThan(100).contains("org.bearerguard.internal.keys.KeySources",
                "org.bearerguard.internal.filter.BearerAuthenticator", MetricsExtension.class.getName());
    }

    @Test
    void whenNoRecorderIsGivenThenThePipelineWorksAndRecordsNothing() {
        try (var issuer = JwksServer.start(TestKeys.RSA);
             var pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).build())) {
            assertThat(pipeline.keys().recorder()).isSameAs(Recorder.NONE);
            assertThat(Recorder.NONE.timed()).isFalse();

            assertThat(pipeline.respond(TestTokens.rs256().issuer(issuer.issuer()).build()).status()).isEqualTo(200);
            assertThat(pipeline.respond(TestTokens.rs256().issuer(issuer.issuer()).expired().build()).status())
                    .isEqualTo(401);
        }
    }

    /** Calls the extension's observer as CDI would, with an event that records each type and annotation added. */
    private static void observeBeforeBeanDiscovery(Class<?> extension, List<Object> added) throws Exception {
        var loader = MetricsWithoutApiTest.class.getClassLoader();
        var configurator = new Object[1];
        configurator[0] = Proxy.newProxyInstance(loader, new Class<?>[] {AnnotatedTypeConfigurator.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("add")) {
                        added.add(args[0]);
                        return proxy;
                    }
                    throw new AssertionError("not expected: " + method);
                });
        var event = (BeforeBeanDiscovery) Proxy.newProxyInstance(loader, new Class<?>[] {BeforeBeanDiscovery.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("addAnnotatedType") && args.length == 2) {
                        added.add(args[0]);
                        return configurator[0];
                    }
                    throw new AssertionError("not expected: " + method);
                });
        var observer = extension.getDeclaredMethod("addRecorder", BeforeBeanDiscovery.class);
        observer.setAccessible(true);
        observer.invoke(extension.getDeclaredConstructor().newInstance(), event);
    }
}
