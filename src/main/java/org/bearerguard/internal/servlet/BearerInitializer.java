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
import org.bearerguard.internal.metadata.JaxRsPaths;
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
@HandlesTypes({Application.class, Path.class})
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
