package org.bearerguard.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.bearerguard.BearerProtected;
import org.bearerguard.DpopMode;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metadata documents (RFC 9728 §2), byte for byte: what each resource's methods require is what it says. */
class ResourceMetadataTest {

    static final String ISSUER = "https://id.example.com/realms/shop";
    static final String OTHER = "https://login.example.org";
    static final String ALGS = "[\"ES256\",\"ES384\",\"ES512\",\"EdDSA\",\"PS256\",\"PS384\",\"PS512\",\"RS256\","
            + "\"RS384\",\"RS512\"]";

    @Path("orders")
    @BearerProtected(scopes = "orders:read")
    public static class Orders {
        @GET
        public String list() {
            return "";
        }

        @POST
        @BearerProtected(scopes = "orders:write")
        public String create() {
            return "";
        }

        @GET
        @Path("{id}/audit")
        @BearerProtected(scopes = "audit:read", issuers = "partner")
        public String audit() {
            return "";
        }

        /** Not a resource method: no HTTP method designator. */
        @BearerProtected(scopes = "never:listed")
        public String helper() {
            return "";
        }
    }

    @Path("/tools/")
    public static class Tools {
        @GET
        @BearerProtected(scopes = {"tools:run", "orders:read"}, dpop = DpopMode.REQUIRED)
        public String run() {
            return "";
        }

        @GET
        @Path("open")
        public String open() {
            return "";
        }
    }

    /** A generic endpoint: its template may serve {@code /api/orders/7}. */
    @Path("/")
    public static class Gateway {
        @GET
        @Path("{collection}/{id}")
        @BearerProtected(scopes = "gateway:read")
        public String get() {
            return "";
        }
    }

    @Test
    void whenATemplateMayReachAResourcePathThenItsScopesAreListedThereAndAtTheRoot() {
        var built = twoIssuers().with("bearer.resource.paths", "/api/orders").build();
        var documents = ResourceMetadata.documents(built, ProtectedResources.of(built.resource()),
                List.of(Gateway.class), List.of("ES256"));

        assertThat(documents.get("/api/orders")).contains("\"scopes_supported\":[\"gateway:read\"]");
        assertThat(documents.get("")).contains("\"scopes_supported\":[\"gateway:read\"]");
    }

    @BeforeEach
    void jaxRsAtApi() {
        JaxRsPaths.applicationPath("/api");
    }

    @AfterEach
    void forget() {
        JaxRsPaths.applicationPath(null);
    }

    private static Map<String, String> documents(TestConfig config) {
        var built = config.build();
        return ResourceMetadata.documents(built, ProtectedResources.of(built.resource()),
                List.of(Orders.class, Tools.class), List.of("ES256", "ES384", "ES512", "EdDSA", "PS256", "PS384",
                        "PS512", "RS256", "RS384", "RS512"));
    }

    private static TestConfig twoIssuers() {
        return TestConfig.issuer(ISSUER).without("bearer.audience")
                .with("bearer.issuers.partner.issuer", OTHER)
                .with("bearer.resource", "https://api.example.com/shop");
    }

    @Test
    void whenOneResourceCoversTheApplicationThenItsDocumentListsEveryRequiredScopeSortedAndEveryIssuer() {
        var documents = documents(twoIssuers().with("bearer.resource.scopes", "profile"));

        assertThat(documents).containsOnlyKeys("");
        assertThat(documents.get("")).isEqualTo("{\"resource\":\"https://api.example.com/shop\","
                + "\"authorization_servers\":[\"" + ISSUER + "\",\"" + OTHER + "\"],"
                + "\"scopes_supported\":[\"audit:read\",\"orders:read\",\"orders:write\",\"profile\",\"tools:run\"],"
                + "\"bearer_methods_supported\":[\"header\"],"
                + "\"dpop_signing_alg_values_supported\":" + ALGS + "}");
    }

    @Test
    void whenPathsAreResourcesOfTheirOwnThenEachDocumentSaysWhatItsMethodsRequire() {
        var documents = documents(twoIssuers().with("bearer.resource.paths", "/api/tools,/api/orders/7/audit")
                .with("bearer.resource.name", "Shop \"API\"")
                .with("bearer.resource.documentation", "https://docs.example.com/shop"));

        assertThat(documents).containsOnlyKeys("", "/api/tools", "/api/orders/7/audit");
        assertThat(documents.get("/api/tools")).isEqualTo("{\"resource\":\"https://api.example.com/shop/api/tools\","
                + "\"authorization_servers\":[\"" + ISSUER + "\",\"" + OTHER + "\"],"
                + "\"scopes_supported\":[\"orders:read\",\"tools:run\"],"
                + "\"bearer_methods_supported\":[\"header\"],"
                + "\"resource_name\":\"Shop \\\"API\\\"\","
                + "\"resource_documentation\":\"https://docs.example.com/shop\","
                + "\"dpop_signing_alg_values_supported\":" + ALGS + ","
                + "\"dpop_bound_access_tokens_required\":true}");
        assertThat(documents.get("")).as("the rest of the application").isEqualTo(
                "{\"resource\":\"https://api.example.com/shop\","
                        + "\"authorization_servers\":[\"" + ISSUER + "\",\"" + OTHER + "\"],"
                        + "\"scopes_supported\":[\"audit:read\",\"orders:read\",\"orders:write\"],"
                        + "\"bearer_methods_supported\":[\"header\"],"
                        + "\"resource_name\":\"Shop \\\"API\\\"\","
                        + "\"resource_documentation\":\"https://docs.example.com/shop\","
                        + "\"dpop_signing_alg_values_supported\":" + ALGS + "}");
    }

    @Test
    void whenDpopIsOffThenNoDpopMemberIsListed() {
        var documents = documents(TestConfig.issuer(ISSUER).without("bearer.audience").with("bearer.dpop", "off")
                .with("bearer.resource", "https://api.example.com/shop").with("bearer.resource.paths", "/api/orders"));

        assertThat(documents.get("/api/orders")).isEqualTo("{\"resource\":\"https://api.example.com/shop/api/orders\","
                + "\"authorization_servers\":[\"" + ISSUER + "\"],"
                + "\"scopes_supported\":[\"audit:read\",\"orders:read\",\"orders:write\"],"
                + "\"bearer_methods_supported\":[\"header\"]}");
    }

    @Test
    void whenServletPathsAreGuardedThenTheirScopesAndToolScopesAreListedUnderTheirResource() {
        var documents = documents(TestConfig.issuer(ISSUER).without("bearer.audience").with("bearer.dpop", "off")
                .with("bearer.resource", "http://127.0.0.1:9080/demo").with("bearer.resource.paths", "/mcp")
                .with("bearer.servlet.paths", "/mcp,/mcp/*").with("bearer.servlet.scopes", "mcp")
                .with("bearer.servlet.mcp-tool-scopes", "list_orders -> orders:read; refund -> orders:write"));

        assertThat(documents.get("/mcp")).isEqualTo("{\"resource\":\"http://127.0.0.1:9080/demo/mcp\","
                + "\"authorization_servers\":[\"" + ISSUER + "\"],"
                + "\"scopes_supported\":[\"mcp\",\"orders:read\",\"orders:write\"],"
                + "\"bearer_methods_supported\":[\"header\"]}");
    }

    @Test
    void whenTheApplicationPathIsUnknownThenEveryMethodBelongsToTheRootResource() {
        JaxRsPaths.applicationPath(null);
        var documents = documents(twoIssuers().with("bearer.resource.paths", "/api/tools"));

        assertThat(documents.get("/api/tools")).isEqualTo("{\"resource\":\"https://api.example.com/shop/api/tools\","
                + "\"authorization_servers\":[\"" + ISSUER + "\",\"" + OTHER + "\"],"
                + "\"bearer_methods_supported\":[\"header\"],"
                + "\"dpop_signing_alg_values_supported\":" + ALGS + "}");
    }
}
