package org.bearerguard.internal.metadata;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where JAX-RS serves a resource method, as a path below the context root: the application path, the class's
 * {@code @Path}, the method's. Templates stay as written ({@code /api/orders/{id}}), which is enough to place a
 * method under a resource path made of literal segments.
 *
 * <p>The application path comes from {@link BearerInitializer} as the web application starts, before JAX-RS reads
 * its resources; it is one value per application, since the library lives in the application's own
 * {@code WEB-INF/lib}. Unknown (no {@code @ApplicationPath} and no servlet mapping found, or outside a servlet
 * container): every method belongs to the context root's resource.
 */
public final class JaxRsPaths {

    private static volatile String applicationPath;
    /** Whether the servlet container ran {@code BearerInitializer} for this application. */
    private static volatile boolean recorded;
    /** Whether it found JAX-RS applications but not one path they are served at. */
    private static volatile boolean unknownApplicationPath;

    private JaxRsPaths() {
    }

    /** As if the initializer had found this path (tests): {@code /api} for {@code @ApplicationPath("api")}. */
    public static void applicationPath(String path) {
        recorded(path, false);
    }

    /**
     * What {@code BearerInitializer} found as the web application started.
     *
     * @param path    the application path, or null
     * @param unknown JAX-RS applications were found, but not one path for them
     */
    public static void recorded(String path, boolean unknown) {
        applicationPath = path;
        unknownApplicationPath = unknown;
        recorded = true;
    }

    /**
     * Whether the servlet container ran the initializer: without it (a {@code web.xml} {@code absolute-ordering}
     * that leaves the library out) no metadata is served, servlet paths are not guarded and JAX-RS methods cannot be
     * placed under their resources.
     */
    public static boolean recorded() {
        return recorded;
    }

    /** Whether JAX-RS applications were found without one path to place their methods by. */
    public static boolean unknownApplicationPath() {
        return unknownApplicationPath;
    }

    /** The application path, when it is known. */
    public static Optional<String> applicationPath() {
        return Optional.ofNullable(applicationPath);
    }

    /**
     * The method's path below the context root, when the application path is known and the class is a root
     * resource (a {@code @Path} on it or a supertype).
     */
    public static Optional<String> of(Class<?> resourceClass, Method method) {
        var app = applicationPath;
        if (app == null) {
            return Optional.empty();
        }
        var classPath = classPath(resourceClass);
        if (classPath == null) {
            return Optional.empty(); // a sub-resource: where it is served depends on its locator
        }
        return Optional.of(join(join(app, classPath), methodPath(resourceClass, method)));
    }

    /**
     * The part of a method path before its first template segment ({@code /api/orders} of
     * {@code /api/orders/{id}}, {@code /api} of {@code /api/{collection}/{id}}): every path the method serves is at
     * or below it.
     */
    public static String literalPrefix(String path) {
        var brace = path.indexOf('{');
        if (brace < 0) {
            return path;
        }
        var slash = path.lastIndexOf('/', brace);
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    /** {@code /a} and {@code b/} → {@code /a/b}; "" stays "". */
    public static String join(String left, String right) {
        var r = right.replaceAll("^/+|/+$", "");
        if (r.isEmpty()) {
            return left;
        }
        return left + "/" + r;
    }

    /** Mapping path of a JAX-RS application ({@code @ApplicationPath} value or a servlet mapping like /api/*). */
    public static String normalize(String applicationPath) {
        var p = applicationPath.endsWith("/*") ? applicationPath.substring(0, applicationPath.length() - 2)
                : applicationPath;
        p = p.replaceAll("^/+|/+$", "");
        return p.isEmpty() ? "" : "/" + p;
    }

    /** The root resource's {@code @Path}; null for a class without one (a sub-resource). */
    private static String classPath(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            var path = c.getAnnotation(Path.class);
            if (path != null) {
                return path.value();
            }
            for (var i : c.getInterfaces()) {
                if (i.getAnnotation(Path.class) != null) {
                    return i.getAnnotation(Path.class).value();
                }
            }
        }
        return null;
    }

    /** The method's own {@code @Path}, or that of the declaration it inherits its JAX-RS annotations from. */
    private static String methodPath(Class<?> type, Method method) {
        for (var declared : declarations(type, method)) {
            var path = declared.getAnnotation(Path.class);
            if (path != null) {
                return path.value();
            }
            if (isResourceMethod(declared)) {
                return "";
            }
        }
        return "";
    }

    /** Whether it carries an HTTP method designator ({@code @GET}, {@code @POST}, …, or one of the application's). */
    static boolean isResourceMethod(Method method) {
        for (var a : method.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    /** The method as declared by the class, its superclasses and their interfaces, nearest first. */
    static List<Method> declarations(Class<?> type, Method method) {
        var found = new ArrayList<Method>();
        var levels = new ArrayList<Class<?>>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            levels.add(c);
        }
        for (int i = 0, n = levels.size(); i < n; i++) {
            levels.addAll(List.of(levels.get(i).getInterfaces()));
        }
        for (var level : levels) {
            try {
                var declared = level.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (!Modifier.isPrivate(declared.getModifiers())) {
                    found.add(declared);
                }
            } catch (NoSuchMethodException notHere) {
                // declared elsewhere in the hierarchy
            }
        }
        return found;
    }
}
