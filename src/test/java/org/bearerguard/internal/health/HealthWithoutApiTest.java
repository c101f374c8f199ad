package org.bearerguard.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library where the application does not see MicroProfile Health: its classes, loaded by a class loader that
 * cannot find {@code org.eclipse.microprofile.health}, as a server without the API would load them.
 */
class HealthWithoutApiTest {

    /** The library's classes first, from its own folder; the MicroProfile Health API nowhere. */
    private static final class WithoutHealthApi extends URLClassLoader {

        WithoutHealthApi() {
            super(new URL[] {library()}, HealthWithoutApiTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.eclipse.microprofile.health.")) {
                throw new ClassNotFoundException(name);
            }
            if (name.startsWith("org.bearerguard.")) {
                synchronized (getClassLoadingLock(name)) {
                    var loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void whenTheApiIsMissingThenTheExtensionAddsNoCheckAndLoadsNone() throws Exception {
        try (var loader = new WithoutHealthApi()) {
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
        var names = libraryClasses();
        try (var loader = new WithoutHealthApi()) {
            for (var name : names) {
                var type = Class.forName(name, false, loader);
                // resolves every type in a field, method or constructor signature
                type.getDeclaredFields();
                type.getDeclaredMethods();
                type.getDeclaredConstructors();
            }
        }
        assertThat(names).hasSizeGreaterThan(100).contains("org.bearerguard.internal.keys.KeySources",
                "org.bearerguard.internal.health.HealthExtension", "org.bearerguard.internal.health.KeyHealth");
    }

    /** Every class of the library but the ones that implement or answer a check. */
    private static List<String> libraryClasses() throws IOException {
        var root = Path.of(uri(library()));
        try (var files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(n -> !n.endsWith("package-info"))
                    .filter(n -> !List.of(ReadinessCheck.class.getName(), StartupCheck.class.getName(),
                            HealthResponses.class.getName()).contains(n))
                    .sorted().toList();
        }
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

    private static URL library() {
        return HealthExtension.class.getProtectionDomain().getCodeSource().getLocation();
    }

    private static java.net.URI uri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
