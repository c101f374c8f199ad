package org.bearerguard.internal.container;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.annotation.Annotation;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import org.bearerguard.internal.config.Property;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.internal.mpjwt.PrincipalView;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * With {@code bearer.jakarta-security=on}, as CDI discovers the application: adds
 * {@link BearerAuthenticationMechanism} as its Jakarta Security mechanism, and binds {@link RolesInterceptor} to
 * every CDI bean class with a JSR 250 annotation (not to EJBs, which their container checks, nor to JAX-RS resources,
 * which bearer-guard's filter checks). It stands down, with a warning, where the application activates the server's
 * MicroProfile JWT ({@code @LoginConfig(authMethod = "MP-JWT")}): that mechanism is then the container's, and two
 * would make the deployment fail. Off, it changes nothing and loads no Jakarta Security class.
 *
 * <p>Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}. CDI calls an extension's
 * observers one at a time, during deployment; the stand-down is published for the pipeline, built later.
 */
public class BearerExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(BearerExtension.class.getName());
    private static final String LOGIN_CONFIG = "org.eclipse.microprofile.auth.LoginConfig";
    private static final String JSON_WEB_TOKEN = "org.eclipse.microprofile.jwt.JsonWebToken";
    /** Per application: the library's classes are loaded by each application's own class loader. */
    private static volatile boolean stoodDown;

    private boolean on;
    private String mpJwtApplication;
    /** Whether a bean of the server (or the application) already is a {@code JsonWebToken}. */
    private boolean jsonWebTokenBean;

    /** Whether the application's own MicroProfile JWT took over, so that bearer-guard tells the container nothing. */
    public static boolean stoodDown() {
        return stoodDown;
    }

    void readProperty(@Observes BeforeBeanDiscovery event) {
        on = enabled(ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader())
                .getOptionalValue(Property.JAKARTA_SECURITY.key(), String.class));
        stoodDown = false;
    }

    /** As the configuration reader reads it (which rejects anything but on and off). */
    public static boolean enabled(Optional<String> value) {
        return value.map(v -> v.trim().toLowerCase(Locale.ROOT)).filter("on"::equals).isPresent();
    }

    <T> void noteLoginConfig(@Observes ProcessAnnotatedType<T> event) {
        if (!on || mpJwtApplication != null) {
            return;
        }
        for (var annotation : event.getAnnotatedType().getAnnotations()) {
            if (annotation.annotationType().getName().equals(LOGIN_CONFIG) && "MP-JWT".equals(authMethod(annotation))) {
                mpJwtApplication = event.getAnnotatedType().getJavaClass().getName();
            }
        }
    }

    <T> void bindRoleChecks(@Observes @WithAnnotations({RolesAllowed.class, PermitAll.class, DenyAll.class})
                            ProcessAnnotatedType<T> event) {
        if (on && isPlainCdiBean(event.getAnnotatedType())) {
            event.configureAnnotatedType().add(RolesChecked.Literal.INSTANCE);
        }
    }

    void addMechanism(@Observes AfterTypeDiscovery event) {
        if (!on) {
            return;
        }
        if (mpJwtApplication != null) {
            stoodDown = true;
            LOG.log(Level.WARNING, "bearer-guard: " + Property.JAKARTA_SECURITY.key() + "=on stands down: "
                    + mpJwtApplication + " activates the server's MicroProfile JWT (@LoginConfig(authMethod=\"MP-JWT\")),"
                    + " which tells the container the caller; bearer-guard still guards its @BearerProtected resources");
            return;
        }
        event.addAnnotatedType(BearerAuthenticationMechanism.class, BearerAuthenticationMechanism.class.getName())
                .add(ApplicationScoped.Literal.INSTANCE);
        LOG.log(Level.INFO, "bearer-guard: " + Property.JAKARTA_SECURITY.key() + "=on: the container knows each"
                + " verified caller (Jakarta Security); JSR 250 annotations on CDI beans are enforced");
    }

    <T> void noteJsonWebTokenBean(@Observes ProcessBean<T> event) {
        for (var type : event.getBean().getTypes()) {
            if (type instanceof Class<?> c && c.getName().equals(JSON_WEB_TOKEN)) {
                jsonWebTokenBean = true;
            }
        }
    }

    /**
     * {@code @Inject JsonWebToken}, where the application sees the MP JWT API and nothing else produces it: the
     * request's verified caller (a {@code JwtPrincipal}), request-scoped like {@code @Inject BearerPrincipal}; in a
     * request with none, a token with no name and no claims.
     */
    void addJsonWebToken(@Observes AfterBeanDiscovery event) {
        if (jsonWebTokenBean || !PrincipalView.mpJwtVisible()) {
            return;
        }
        Class<?> type;
        try {
            type = Class.forName(JSON_WEB_TOKEN, false, BearerExtension.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        event.addBean().types(type, Object.class).scope(RequestScoped.class).beanClass(BearerExtension.class)
                .produceWith(beans -> PrincipalView.jsonWebToken(beans.select(CurrentPrincipal.class).get().verified()));
    }

    /** Neither an EJB (its container checks it) nor a JAX-RS resource (bearer-guard's filter does). */
    static boolean isPlainCdiBean(AnnotatedType<?> type) {
        if (type.getJavaClass().isInterface()) {
            return false;
        }
        for (var annotation : type.getAnnotations()) {
            var name = annotation.annotationType().getName();
            if (name.equals("jakarta.ejb.Stateless") || name.equals("jakarta.ejb.Stateful")
                    || name.equals("jakarta.ejb.Singleton") || name.equals("jakarta.ws.rs.Path")
                    || name.equals("jakarta.ejb.MessageDriven")) {
                return false;
            }
        }
        return true;
    }

    private static String authMethod(Annotation annotation) {
        try {
            return String.valueOf(annotation.annotationType().getMethod("authMethod").invoke(annotation));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
