package org.bearerguard.internal.observe;

import java.util.List;

/** Whether an optional API (MicroProfile Health, MicroProfile Metrics) is there for the application. */
public final class OptionalApi {

    private OptionalApi() {
    }

    /**
     * Whether {@code loader} (the library's: the application's) can load every one of these classes, without
     * initializing them.
     */
    public static boolean visible(ClassLoader loader, List<String> classNames) {
        try {
            for (var name : classNames) {
                Class.forName(name, false, loader);
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
