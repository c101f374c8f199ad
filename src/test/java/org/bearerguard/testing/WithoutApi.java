package org.bearerguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The library as a server without an optional API would load it: its classes, from its own folder, by a class loader
 * that cannot find any class of that API's package (MicroProfile Health, MicroProfile Metrics); everything else from
 * the test's class loader.
 */
public final class WithoutApi extends URLClassLoader {

    private final String hiddenPackage;

    /** Hides {@code hiddenPackage} ({@code org.eclipse.microprofile.health}) and everything below it. */
    public WithoutApi(String hiddenPackage) {
        super(new URL[] {library()}, WithoutApi.class.getClassLoader());
        this.hiddenPackage = hiddenPackage + ".";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(hiddenPackage)) {
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

    /** Whether this loader has loaded that class (of the library) so far. */
    public boolean loaded(String name) {
        return findLoadedClass(name) != null;
    }

    /** Loads each class and resolves every type in its field, method and constructor signatures. */
    public void loadWithAllMembers(List<String> names) throws ClassNotFoundException {
        for (var name : names) {
            var type = Class.forName(name, false, this);
            type.getDeclaredFields();
            type.getDeclaredMethods();
            type.getDeclaredConstructors();
        }
    }

    /** Every class of the library (its compiled main classes) but package-info and those {@code except} names. */
    public static List<String> libraryClasses(Predicate<String> except) {
        try (var files = Files.walk(root())) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root().relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(n -> !n.endsWith("package-info")).filter(except.negate())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL library() {
        return org.bearerguard.BearerProtected.class.getProtectionDomain().getCodeSource().getLocation();
    }

    private static Path root() {
        try {
            return Path.of(library().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
