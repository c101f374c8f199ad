package org.bearerguard.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.bearerguard.testing.WithoutApi;
import org.junit.jupiter.api.Test;

/**
 * The library where the application does not see MicroProfile Health: its classes, loaded by a class loader that
 * cannot find {@code org.eclipse.microprofile.health}, as a server without the API would load them.
 */
class HealthWithoutApiTest {

    @Test
    void whenTheApiIsMissingThenTheExtensionAddsNoCheckAndLoadsNone() throws Exception {
        try (var loader = new WithoutApi("org.eclipse.microprofile.health")) {
            var added = new ArrayList<Object>();

            observeBeforeBeanDiscovery(loader.loadClass(HealthExtension.class.getName()), added);

            assertThat(added).isEmpty();
            assertThat(loader.loaded(ReadinessCheck.class.getName())).isFalse();
            assertThat(loader.loaded(StartupCheck.class.getName())).isFalse();
            assertThat(loader.loaded(HealthResponses.class.getName())).isFalse();
        }
    }

    @Test
    void whenTheApiIsVisibleThenTheStartupAndReadinessChecksAreAdded() throws Exception {
        var added = new ArrayList<Object>();

        observeBeforeBeanDiscovery(HealthExtension.class, added);

        assertThat(added).containsExactly(StartupCheck.class, ReadinessCheck.class);
    }

    @Test
    void whenTheApiIsMissingThenEveryOtherLibraryClassLoadsWithAllItsMembers() throws Exception {
        var names = WithoutApi.libraryClasses(n -> List.of(ReadinessCheck.class.getName(), StartupCheck.class.getName(),
                HealthResponses.class.getName()).contains(n));
        try (var loader = new WithoutApi("org.eclipse.microprofile.health")) {
            loader.loadWithAllMembers(names);
        }
        assertThat(names).hasSizeGreaterThan(100).contains("org.bearerguard.internal.keys.KeySources",
                "org.bearerguard.internal.health.HealthExtension", "org.bearerguard.internal.health.KeyHealth");
    }

    /** Calls the extension's observer as CDI would, with an event that records each type added. */
    private static void observeBeforeBeanDiscovery(Class<?> extension, List<Object> added) throws Exception {
        var event = (BeforeBeanDiscovery) Proxy.newProxyInstance(HealthWithoutApiTest.class.getClassLoader(),
                new Class<?>[] {BeforeBeanDiscovery.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addAnnotatedType")) {
                        added.add(args[0]);
                        return null;
                    }
                    throw new AssertionError("not expected: " + method);
                });
        var observer = extension.getDeclaredMethod("addChecks", BeforeBeanDiscovery.class);
        observer.setAccessible(true);
        observer.invoke(extension.getDeclaredConstructor().newInstance(), event);
    }
}
