package org.bearerguard.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.internal.metadata.JaxRsPaths;
import org.bearerguard.testing.Fakes;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resource-bound audiences (RFC 8707) with {@code bearer.resource.paths=/api/orders} and
 * {@code @ApplicationPath("api")}. Every request below {@code /api/orders} belongs to the resource
 * {@code https://api.example.com/shop/api/orders} ("a request belongs to the longest path it is at or below"), so a
 * token whose {@code aud} is only the context root's identifier must be refused there, however the method that
 * serves it is declared.
 */
class ResourcePlacementTest {

    static final String ROOT = "https://api.example.com/shop";
    static final String ORDERS = ROOT + "/api/orders";

    /** A generic collection endpoint: {@code GET /api/orders/7} is served here. */
    @Path("/")
    public static class Gateway {
        @GET
        @Path("{collection}/{id}")
        @BearerProtected
        public String get() {
            return "";
        }
    }

    /** {@code GET /api/orders/7/items} reaches {@link Items} through this locator. */
    @Path("orders")
    public static class Orders {
        @Path("{id}/items")
        public Items items() {
            return new Items();
        }
    }

    /** A sub-resource that protects its own method. */
    public static class Items {
        @GET
        @BearerProtected
        public String list() {
            return "";
        }
    }

    /** {@code GET /api/orders/7/lines} reaches {@link Lines} through this protected locator. */
    @Path("orders")
    public static class ProtectedOrders {
        @Path("{id}/lines")
        @BearerProtected
        public Lines lines() {
            return new Lines();
        }
    }

    /** A sub-resource that inherits its locator's protection (placed per request). */
    public static class Lines {
        @GET
        public String list() {
            return "";
        }
    }

    private static JwksServer issuer;
    private static Pipeline pipeline;
    private final CurrentPrincipal current = new CurrentPrincipal();

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).without("bearer.audience")
                .with("bearer.resource", ROOT).with("bearer.resource.paths", "/api/orders").build());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    @BeforeEach
    void applicationPath() {
        JaxRsPaths.applicationPath("/api");
    }

    @AfterEach
    void noApplicationPath() {
        JaxRsPaths.applicationPath(null);
    }

    private static String tokenFor(String audience) {
        return TestTokens.rs256().issuer(issuer.issuer()).audience(audience).build();
    }

    private BearerFilter filterFor(Class<?> type, String method) throws Exception {
        var registrations = new FilterFixtures.Registrations();
        new BearerFeature(pipeline::authenticator, () -> current)
                .configure(FilterFixtures.resource(type, type.getMethod(method)), registrations.context);
        assertThat(registrations.components).hasSize(1);
        return (BearerFilter) registrations.components.get(0);
    }

    /** A request as JAX-RS hands it over: {@code getPath()} relative to {@code /api}, the matched resources. */
    private static ContainerRequestContext request(String token, String relativePath, Object... matched) {
        var headers = new MultivaluedHashMap<String, String>();
        headers.add("Authorization", "Bearer " + token);
        SecurityContext plain = Fakes.of(SecurityContext.class, (m, a) -> m.getName().equals("isSecure") ? true : null);
        var uris = Fakes.of(UriInfo.class, (m, a) -> switch (m.getName()) {
            case "getPath" -> relativePath;
            case "getPathSegments" -> segments(relativePath);
            case "getMatchedResources" -> List.of(matched);
            case "getRequestUri" -> java.net.URI.create(ROOT + "/api/" + relativePath);
            case "getBaseUri" -> java.net.URI.create(ROOT + "/api/");
            default -> throw new UnsupportedOperationException(m.getName());
        });
        return Fakes.of(ContainerRequestContext.class, (m, a) -> switch (m.getName()) {
            case "getHeaders" -> headers;
            case "getMethod" -> "GET";
            case "getUriInfo" -> uris;
            case "getProperty" -> null;
            case "getSecurityContext" -> plain;
            case "setSecurityContext" -> null;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    /** As JAX-RS splits the path: decoded segments, each with its matrix parameters apart. */
    private static List<PathSegment> segments(String relativePath) {
        return java.util.Arrays.stream(relativePath.split("/", -1)).map(raw -> {
            var decoded = java.net.URLDecoder.decode(raw.split(";", 2)[0], java.nio.charset.StandardCharsets.UTF_8);
            return (PathSegment) Fakes.of(PathSegment.class, (m, a) -> switch (m.getName()) {
                case "getPath" -> decoded;
                default -> throw new UnsupportedOperationException(m.getName());
            });
        }).toList();
    }

    @Test
    void whenAPathSegmentHidesASlashOrADotSegmentThenTheRequestIsRefusedAsNotPlaceable() throws Exception {
        var filter = filterFor(Gateway.class, "get");

        for (var path : List.of("orders%2F7", "x/../orders/7", "orders//7", "./orders/7")) {
            var refusal = filter.decide(request(tokenFor(ORDERS), path));
            assertThat(refusal).as(path).isNotNull();
            assertThat(refusal.status()).as(path).isEqualTo(400);
        }
        assertThat(filter.decide(request(tokenFor(ORDERS), "orders/7/"))).as("a trailing slash").isNull();
    }

    @Test
    void whenAMethodWithATemplateAboveTheResourcePathServesARequestBelowItThenARootTokenIsRefused()
            throws Exception {
        var filter = filterFor(Gateway.class, "get");

        var refusal = filter.decide(request(tokenFor(ROOT), "orders/7"));

        assertThat(refusal).as("GET /shop/api/orders/7 with aud=" + ROOT + " only").isNotNull();
        assertThat(refusal.status()).isEqualTo(401);
    }

    @Test
    void whenASubResourceProtectsItsOwnMethodThenItIsPlacedWhereItsLocatorIsAndARootTokenIsRefused()
            throws Exception {
        var filter = filterFor(Items.class, "list");

        var refusal = filter.decide(request(tokenFor(ROOT), "orders/7/items", new Items(), new Orders()));

        assertThat(refusal).as("GET /shop/api/orders/7/items with aud=" + ROOT + " only").isNotNull();
        assertThat(refusal.status()).isEqualTo(401);
    }

    @Test
    void whenTheRequestPathCarriesAMatrixParameterThenTheSubResourceIsStillPlacedBelowTheResourcePath()
            throws Exception {
        var filter = filterFor(Lines.class, "list");

        var plain = filter.decide(request(tokenFor(ROOT), "orders/7/lines", new Lines(), new ProtectedOrders()));
        // JAX-RS ignores matrix parameters when matching, so this reaches the same locator and method; but
        // UriInfo.getPath() keeps them (they belong to the path segment)
        var withMatrix = filter.decide(request(tokenFor(ROOT), "orders;v=2/7/lines", new Lines(),
                new ProtectedOrders()));

        assertThat(plain).as("control: without a matrix parameter the root token is refused").isNotNull();
        assertThat(withMatrix).as("GET /shop/api/orders;v=2/7/lines with aud=" + ROOT + " only").isNotNull();
        assertThat(withMatrix.status()).isEqualTo(401);
    }

    @Test
    void controlWhenTheMethodPathIsLiteralThenARootTokenIsRefusedBelowTheResourcePath() throws Exception {
        var filter = filterFor(Literal.class, "get");

        assertThat(filter.decide(request(tokenFor(ROOT), "orders/7"))).isNotNull();
        assertThat(filter.decide(request(tokenFor(ORDERS), "orders/7"))).isNull();
    }

    @Path("orders")
    public static class Literal {
        @GET
        @Path("{id}")
        @BearerProtected
        public String get() {
            return "";
        }
    }

    /** A root resource of its own ({@code /api/catalog}, the context root's resource)... */
    @Path("catalog")
    public static class Catalog {
        @GET
        @BearerProtected
        public String list() {
            return "";
        }
    }

    /** ...that a locator below the resource path also serves: {@code GET /api/orders/7/catalog}. */
    @Path("orders")
    public static class OrderCatalog {
        @Path("{id}/catalog")
        public Catalog catalog() {
            return new Catalog();
        }
    }

    @Test
    void whenALocatorBelowTheResourcePathReturnsARootResourceClassThenARootTokenIsRefusedThere() throws Exception {
        var filter = filterFor(Catalog.class, "list");

        assertThat(filter.decide(request(tokenFor(ROOT), "catalog"))).as("control: at its own path").isNull();
        var refusal = filter.decide(request(tokenFor(ROOT), "orders/7/catalog", new Catalog(), new OrderCatalog()));

        assertThat(refusal).as("GET /shop/api/orders/7/catalog with aud=" + ROOT + " only").isNotNull();
        assertThat(refusal.status()).isEqualTo(401);
    }
}
