package org.bearerguard.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bearerguard.internal.metadata.JaxRsPaths;
import org.bearerguard.testing.Fakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where JAX-RS serves. {@code @ApplicationPath} javadoc: "When published in a Servlet container, the value of
 * the application path may be overridden using a servlet-mapping element in the web.xml". With such an override
 * JAX-RS serves at the web.xml mapping, and every method must be placed there; placed under the annotation's path,
 * a method below {@code bearer.resource.paths=/rest/orders} falls to the context root's resource, whose token is then
 * accepted at {@code /rest/orders/...}.
 */
class BearerInitializerTest {

    @ApplicationPath("api")
    public static class ShopApplication extends Application {
    }

    @AfterEach
    void reset() {
        JaxRsPaths.applicationPath(null);
    }

    @Test
    void whenWebXmlMapsTheAnnotatedApplicationElsewhereThenTheWebXmlMappingIsWhereJaxRsServes() {
        // web.xml: <servlet><servlet-name>…ShopApplication</servlet-name></servlet>
        //          <servlet-mapping><servlet-name>…ShopApplication</servlet-name><url-pattern>/rest/*</url-pattern>
        var registration = Fakes.of(ServletRegistration.class, (m, a) -> switch (m.getName()) {
            case "getName" -> ShopApplication.class.getName();
            case "getMappings" -> List.of("/rest/*");
            default -> throw new UnsupportedOperationException(m.getName());
        });
        var context = Fakes.of(ServletContext.class, (m, a) -> switch (m.getName()) {
            case "getServletRegistrations" -> Map.of(ShopApplication.class.getName(), registration);
            case "addServlet", "addFilter" -> null;
            default -> throw new UnsupportedOperationException(m.getName());
        });

        new BearerInitializer().onStartup(Set.of(ShopApplication.class), context);

        assertThat(JaxRsPaths.applicationPath()).hasValue("/rest");
    }
}
