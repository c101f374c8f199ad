package org.bearerguard.internal.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jakarta.annotation.security.RolesAllowed;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.config.Property;
import org.bearerguard.internal.container.BearerExtension;
import org.bearerguard.internal.metadata.JaxRsPaths;
import org.eclipse.microprofile.config.ConfigProvider;
import org.bearerguard.internal.metadata.MetadataServlet;
import org.bearerguard.internal.metadata.ProtectedResources;

/**
 * Runs as the web application starts, before any servlet (JAX-RS included) is initialised: the servlet container
 * hands it the application's {@link Application} subclasses and {@link Path} classes from its own scan. It records
 * where JAX-RS serves ({@link JaxRsPaths}), registers the metadata servlet ({@link MetadataServlet}, answering 404
 * while {@code bearer.resource} is unset) and the servlet filter ({@link BearerServletFilter}, letting everything
 * through but {@code bearer.servlet.paths}). Registered through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}.
 */
@HandlesTypes({Application.class, Path.class, RolesAllowed.class, jakarta.annotation.security.DeclareRoles.class})
public class BearerInitializer implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(BearerInitializer.class.getName());
    static final String FILTER_NAME = "bearer-guard";
    static final String METADATA_SERVLET_NAME = "bearer-guard-metadata";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        var types = classes == null ? List.<Class<?>>of()
                : classes.stream().sorted(Comparator.comparing(Class::getName)).toList();
        var path = applicationPath(types, context);
        JaxRsPaths.recorded(path, path == null && types.stream().anyMatch(
                c -> Application.class.isAssignableFrom(c) && c != Application.class));
        var resourceClasses = types.stream()
                .filter(c -> c.isAnnotationPresent(Path.class) && !Application.class.isAssignableFrom(c)).toList();
        types = types.stream().filter(c -> c.isAnnotationPresent(Path.class) || c.isAnnotationPresent(RolesAllowed.class)
                || c.isAnnotationPresent(jakarta.annotation.security.DeclareRoles.class)
                || Application.class.isAssignableFrom(c)).toList();
        if (jakartaSecurity()) {
            declareRoles(types, context);
        }
        var metadata = context.addServlet(METADATA_SERVLET_NAME, new MetadataServlet(resourceClasses));
        if (metadata != null) {
            metadata.addMapping(ProtectedResources.WELL_KNOWN + "/*");
        }
        var filter = context.addFilter(FILTER_NAME, new BearerServletFilter());
        if (filter != null) {
            filter.setAsyncSupported(true);
            // after the application's own filters: a CORS filter of its own has set its headers by then; and on
            // every dispatch, so that a forward or include to a guarded path is guarded too
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD,
                    DispatcherType.INCLUDE, DispatcherType.ASYNC), true, "/*");
        }
    }

    /**
     * {@code bearer.jakarta-security=on}: the roles the application names ({@code @BearerProtected(roles)},
     * {@code @RolesAllowed}, {@code @DeclareRoles} on resources and on the classes the container hands over for
     * them) are declared, so that the server maps the token's roles (its groups) to them without a descriptor.
     */
    private static void declareRoles(List<Class<?>> resources, ServletContext context) {
        var roles = new java.util.TreeSet<String>();
        for (var resource : resources) {
            for (Class<?> c = resource; c != null && c != Object.class; c = c.getSuperclass()) {
                collect(c, roles);
                for (var method : c.getDeclaredMethods()) {
                    collect(method, roles);
                }
            }
        }
        if (!roles.isEmpty()) {
            context.declareRoles(roles.toArray(String[]::new));
        }
    }

    /**
     * {@code bearer.jakarta-security}, read as the extension reads it. Without a MicroProfile Config implementation
     * (not on a server) there is nothing to declare roles for: the pipeline itself then fails the deployment.
     */
    private static boolean jakartaSecurity() {
        try {
            return BearerExtension.enabled(ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader())
                    .getOptionalValue(Property.JAKARTA_SECURITY.key(), String.class));
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void collect(java.lang.reflect.AnnotatedElement element, Set<String> roles) {
        var declared = element.getAnnotation(jakarta.annotation.security.DeclareRoles.class);
        if (declared != null) {
            roles.addAll(List.of(declared.value()));
        }
        var protection = element.getAnnotation(BearerProtected.class);
        if (protection != null) {
            roles.addAll(List.of(protection.roles()));
        }
        var allowed = element.getAnnotation(RolesAllowed.class);
        if (allowed != null) {
            roles.addAll(List.of(allowed.value()));
        }
    }

    /**
     * The one {@code @ApplicationPath}, or else the servlet mapping of the JAX-RS application (web.xml); null when
     * there is none or more than one (every method then belongs to the context root's resource).
     */
    private static String applicationPath(List<Class<?>> types, ServletContext context) {
        var applications = types.stream().filter(Application.class::isAssignableFrom)
                .filter(c -> c != Application.class).toList();
        var paths = new java.util.LinkedHashSet<String>();
        for (var application : applications) {
            // a web.xml servlet-mapping of the application overrides its @ApplicationPath (JAX-RS 3.1 §2.3.2)
            var mapped = mapping(context, application.getName());
            if (mapped != null) {
                paths.add(mapped);
            } else if (application.isAnnotationPresent(ApplicationPath.class)) {
                paths.add(JaxRsPaths.normalize(application.getAnnotation(ApplicationPath.class).value()));
            }
        }
        if (paths.isEmpty()) {
            var mapped = mapping(context, Application.class.getName());
            if (mapped != null) {
                paths.add(mapped);
            }
        }
        if (paths.size() > 1) {
            LOG.log(Level.WARNING, "bearer-guard: several JAX-RS application paths {0}", paths);
            return null;
        }
        return paths.isEmpty() ? null : paths.iterator().next();
    }

    /** The first mapping of the servlet of this name, normalised ({@code /rest/*} → {@code /rest}), or null. */
    private static String mapping(ServletContext context, String servletName) {
        var registration = context.getServletRegistrations().get(servletName);
        if (registration == null || registration.getMappings().isEmpty()) {
            return null;
        }
        return JaxRsPaths.normalize(registration.getMappings().iterator().next());
    }

}
