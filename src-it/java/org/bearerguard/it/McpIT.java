package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.bearerguard.it.keycloak.Keycloak.DEMO;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.bearerguard.demo.mcp.McpEndpoint;
import org.bearerguard.it.keycloak.Keycloak;
import org.bearerguard.testing.TestCertificates;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's MCP server ({@code org.bearerguard.demo.mcp}, with the demo's protection settings) on a real server,
 * called by the MCP Java SDK's own client over HTTPS, with tokens from the build's Keycloak (realm {@code demo}).
 *
 * <p>The resource identifier is an address the test really calls: {@code https://127.0.0.1:<it.https.port>/mcp-demo}
 * (the server's reserved TLS port, with the build's certificates), the MCP server {@code …/mcp-demo/mcp}. Keycloak
 * puts that into {@code aud} through an audience mapper on a client made for this server run
 * ({@code mcp-liberty}, {@code mcp-payara}), since the port is known only now.
 *
 * <p>A client that knows nothing but the MCP server's URL finds everything else itself, as the MCP authorization
 * specification has it: the 401 names the resource metadata (RFC 9728 §5.1), which names Keycloak (§2), whose
 * discovery names its token endpoint; the SDK's authorization error handler does that and retries.
 */
@ExtendWith(ArquillianExtension.class)
class McpIT {

    private static final Keycloak KEYCLOAK = Keycloak.fromSystemProperty();
    private static final String CONTEXT = "mcp-demo";
    private static final String ORIGIN = "https://127.0.0.1:" + Integer.getInteger("it.https.port", 0);
    static final String RESOURCE = ORIGIN + "/" + CONTEXT;
    static final String MCP = RESOURCE + McpEndpoint.PATH;
    static final String METADATA = RESOURCE + "/.well-known/oauth-protected-resource" + McpEndpoint.PATH;
    /** A client of realm {@code demo} whose tokens are for {@link #MCP}, one per server run. */
    private static final String CLIENT = "mcp-" + System.getProperty("it.server", "it");
    private static final String SECRET = CLIENT + "-secret";

    /** The demo's realm (bearer.realm) and DPoP allowed, as by default: the DPoP challenge follows the Bearer one. */
    private static final String REALM = "realm=\"bearer-guard-demo\"";
    private static final String AND_DPOP = ", DPoP " + REALM + ", " + Challenges.DPOP_ALGS
            + ", resource_metadata=\"" + METADATA + "\"";
    static final String NO_TOKEN = "Bearer " + REALM + ", resource_metadata=\"" + METADATA + "\"" + AND_DPOP;
    static final String WRONG_AUDIENCE = "Bearer " + REALM + ", error=\"invalid_token\", error_description=\"The"
            + " token is not meant for this audience\", resource_metadata=\"" + METADATA + "\"" + AND_DPOP;
    static final String NO_ORDERS_READ = "Bearer " + REALM + ", error=\"insufficient_scope\", error_description=\""
            + "The token lacks a required scope\", scope=\"orders:read\", resource_metadata=\"" + METADATA + "\""
            + AND_DPOP;

    private static final Path TLS = Path.of(System.getProperty("it.tls.dir", "target/tls"));
    /** Trusts the build's test CA, which signed both servers' certificate; presents no client certificate. */
    private static final SSLContext TRUST = TestCertificates.clientContext(TLS, null);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(TRUST).connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

    @Deployment(testable = false)
    static WebArchive app() {
        KEYCLOAK.replaceAudienceClient(DEMO, CLIENT, SECRET, MCP, "orders:read");
        return Deployments.mcpApp(CONTEXT, "bearer.issuer=" + KEYCLOAK.issuer(DEMO) + "\n"
                + "bearer.resource=" + RESOURCE + "\n" + demoProtection());
    }

    /**
     * The demo's own {@code bearer.*} settings (src/demo/resources), but for the issuer and the resource identifier,
     * which are this deployment's: so a change to how the demo guards its MCP server is tested here.
     */
    private static String demoProtection() {
        try {
            return Files.readAllLines(Path.of("src/demo/resources/META-INF/microprofile-config.properties")).stream()
                    .filter(line -> line.startsWith("bearer."))
                    .filter(line -> !line.startsWith("bearer.issuer=") && !line.startsWith("bearer.resource="))
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void whenInitializeCarriesNoTokenThenThe401NamesTheMetadataOfTheMcpResource() {
        try (var client = client(() -> null, McpHttpClientTransportAuthorizationErrorHandler.NOOP)) {
            var refusal = refusal(catchThrowable(client::initialize));

            assertThat(refusal.getResponseInfo().statusCode()).isEqualTo(401);
            assertThat(refusal.getResponseInfo().headers().allValues("WWW-Authenticate")).containsExactly(NO_TOKEN);
        }
    }

    @Test
    void whenTheClientFollowsThe401ToKeycloakThenItsTokenOpensTheSessionAndBothToolsAnswer() throws Exception {
        var login = new Discovery("alice", "alice");
        try (var client = client(login::token, McpHttpClientTransportAuthorizationErrorHandler.fromSync(login))) {
            client.initialize();

            assertThat(login.challenges).containsExactly(NO_TOKEN);
            assertThat(login.metadata.get()).isEqualTo("{\"resource\":\"" + MCP + "\",\"authorization_servers\":[\""
                    + KEYCLOAK.issuer(DEMO) + "\"],\"scopes_supported\":[\"orders:read\"],"
                    + "\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"bearer-guard demo\","
                    + "\"dpop_signing_alg_values_supported\":" + ResourceMetadataIT.ALGS + "}");
            assertThat(login.tokenEndpoint.get()).isEqualTo(KEYCLOAK.tokenEndpoint(DEMO).toString());
            assertThat(client.listTools().tools()).extracting(Tool::name)
                    .containsExactlyInAnyOrder("whoami", "list_orders");

            assertThat(audience(login.token())).as("Keycloak's audience mapper").contains(MCP);
            assertThat(scopes(login.token())).contains("orders:read");
            assertThat(text(client.callTool(new CallToolRequest("whoami", Map.of()))))
                    .isEqualTo(whoami("alice", login.token()));
            assertThat(text(client.callTool(new CallToolRequest("list_orders", Map.of())))).isEqualTo(
                    "{\"orders\":[{\"id\":\"A-1001\",\"owner\":\"alice\",\"item\":\"tea, 250 g\","
                            + "\"total\":\"7.50 EUR\"},{\"id\":\"A-1002\",\"owner\":\"alice\",\"item\":\"teapot\","
                            + "\"total\":\"32.00 EUR\"}]}");
        }
    }

    @Test
    void whenTheTokenLacksOrdersReadThenListOrdersGets403InsufficientScopeAndWhoamiStillAnswers() {
        var token = KEYCLOAK.password(DEMO, CLIENT, SECRET, "bob", "bob", "");
        try (var client = client(() -> token, McpHttpClientTransportAuthorizationErrorHandler.NOOP)) {
            client.initialize();

            assertThat(scopes(token)).doesNotContain("orders:read");
            assertThat(text(client.callTool(new CallToolRequest("whoami", Map.of())))).isEqualTo(whoami("bob", token));
            var refusal = refusal(catchThrowable(() -> client.callTool(new CallToolRequest("list_orders", Map.of()))));
            assertThat(refusal.getResponseInfo().statusCode()).isEqualTo(403);
            assertThat(refusal.getResponseInfo().headers().allValues("WWW-Authenticate"))
                    .containsExactly(NO_ORDERS_READ);
        }
    }

    @Test
    void whenTheTokenIsForAnotherAudienceThenInitializeGets401InvalidToken() {
        // demo-cli's tokens are for the demo's JAX-RS API (aud bearer-guard-demo), not for this MCP server
        var token = KEYCLOAK.clientCredentials(DEMO, "demo-cli", "demo-cli-secret", "orders:read");
        try (var client = client(() -> token, McpHttpClientTransportAuthorizationErrorHandler.NOOP)) {
            var refusal = refusal(catchThrowable(client::initialize));

            assertThat(refusal.getResponseInfo().statusCode()).isEqualTo(401);
            assertThat(refusal.getResponseInfo().headers().allValues("WWW-Authenticate"))
                    .containsExactly(WRONG_AUDIENCE);
        }
    }

    // ---- the client -------------------------------------------------------------------------------------------

    /** The SDK's client for {@link #MCP}; every POST, GET and DELETE carries the token {@code token} supplies then. */
    private static McpSyncClient client(Supplier<String> token,
                                        McpHttpClientTransportAuthorizationErrorHandler onRefusal) {
        var transport = HttpClientStreamableHttpTransport.builder(ORIGIN)
                // an absolute path: the SDK resolves it against the base URI, which would drop a base path
                .endpoint("/" + CONTEXT + McpEndpoint.PATH)
                .clientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TRUST))
                .connectTimeout(Duration.ofSeconds(10))
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .httpRequestCustomizer((builder, method, uri, body, context) -> {
                    var value = token.get();
                    if (value != null) {
                        builder.setHeader("Authorization", "Bearer " + value);
                    }
                })
                .authorizationErrorHandler(onRefusal)
                .build();
        return McpClient.sync(transport).clientInfo(new Implementation("bearer-guard-it", "1.0"))
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build();
    }

    /**
     * What an MCP client does with a 401 (MCP authorization, "Authorization Server Discovery"): the metadata named
     * by {@code resource_metadata}, its first authorization server's discovery document, then a token from that
     * server's token endpoint for the resource, with the scopes the resource lists; then the request is retried
     * (the SDK retries once). A 403 is left alone: more scope means asking the user again.
     */
    private static final class Discovery implements McpHttpClientTransportAuthorizationErrorHandler.Sync {

        private final String user;
        private final String password;
        final List<String> challenges = new ArrayList<>();
        final AtomicReference<String> metadata = new AtomicReference<>();
        final AtomicReference<String> tokenEndpoint = new AtomicReference<>();
        private final AtomicReference<String> token = new AtomicReference<>();

        Discovery(String user, String password) {
            this.user = user;
            this.password = password;
        }

        String token() {
            return token.get();
        }

        @Override
        public boolean handle(HttpRequestSnapshot request, HttpResponse.ResponseInfo response,
                              McpTransportContext context) {
            if (response.statusCode() != 401) {
                return false;
            }
            var challenge = String.join(", ", response.headers().allValues("WWW-Authenticate"));
            challenges.add(challenge);
            var named = RESOURCE_METADATA.matcher(challenge);
            if (!named.find()) {
                return false;
            }
            var document = get(named.group(1));
            metadata.set(document);
            var resource = json(document);
            var servers = (List<?>) resource.get("authorization_servers");
            var issuer = (String) servers.get(0);
            // OpenID Connect Discovery 1.0 §4; an RFC 8414 server would be asked at its own well-known location
            var endpoint = (String) json(get(issuer + "/.well-known/openid-configuration")).get("token_endpoint");
            tokenEndpoint.set(endpoint);
            var scopes = String.join(" ", listOf(resource.get("scopes_supported")));
            token.set((String) json(post(endpoint, Map.of("grant_type", "password", "client_id", CLIENT,
                    "client_secret", SECRET, "username", user, "password", password, "scope", scopes,
                    // RFC 8707 §2, which MCP clients must send; Keycloak's audience mapper does the work here
                    "resource", (String) resource.get("resource")))).get("access_token"));
            return true;
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private static McpHttpClientTransportAuthorizationException refusal(Throwable thrown) {
        for (var t = thrown; t != null; t = t.getCause()) {
            if (t instanceof McpHttpClientTransportAuthorizationException e) {
                return e;
            }
        }
        throw new AssertionError("no HTTP 401/403 behind this", thrown);
    }

    private static String text(CallToolResult result) {
        assertThat(result.isError()).as("isError of %s", result).isNotEqualTo(Boolean.TRUE);
        return ((TextContent) result.content().get(0)).text();
    }

    /** What {@code whoami} answers for this token: its name, {@code sub} and scopes (sorted). */
    private static String whoami(String name, String token) {
        return "{\"name\":\"" + name + "\",\"subject\":\"" + claims(token).get("sub") + "\",\"scopes\":["
                + scopes(token).stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}";
    }

    /** {@code aud}, a string when single (Keycloak), as a list. */
    private static List<String> audience(String token) {
        var aud = claims(token).get("aud");
        return aud instanceof List<?> list ? listOf(list) : List.of(String.valueOf(aud));
    }

    private static List<String> scopes(String token) {
        return List.copyOf(new TreeSet<>(List.of(((String) claims(token).get("scope")).split(" "))));
    }

    private static Map<String, Object> claims(String token) {
        return json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static List<String> listOf(Object array) {
        return array == null ? List.of() : ((List<?>) array).stream().map(String::valueOf).toList();
    }

    private static String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static String post(String url, Map<String, String> form) {
        var body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(String body) {
        try {
            return JsonUtil.parseJson(body);
        } catch (JoseException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
