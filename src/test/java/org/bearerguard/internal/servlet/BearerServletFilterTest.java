package org.bearerguard.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.testing.Fakes;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BearerServletFilter} with {@code bearer.servlet.paths=/mcp}, driven as the servlet container drives it, with
 * the real pipeline in place of the CDI lookup.
 */
class BearerServletFilterTest {

    static final String ROOT = "https://api.example.com/shop";

    private static JwksServer issuer;
    private static Pipeline pipeline;
    private static BearerConfig config;

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA);
        config = TestConfig.issuer(issuer.issuer()).without("bearer.audience").with("bearer.resource", ROOT)
                .with("bearer.servlet.paths", "/mcp").with("bearer.servlet.mcp-tool-scopes", "delete_order -> orders:admin")
                .build();
        pipeline = new Pipeline(config);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    /** The filter with the settings it would read from CDI, for an application whose MCP servlet has this mapping. */
    private static BearerServletFilter filter(String mcpMapping) {
        var registration = Fakes.of(ServletRegistration.class, (m, a) -> switch (m.getName()) {
            case "getName" -> "mcp";
            case "getMappings" -> List.of(mcpMapping);
            default -> throw new UnsupportedOperationException(m.getName());
        });
        var context = Fakes.of(ServletContext.class, (m, a) -> switch (m.getName()) {
            case "getServletRegistrations" -> Map.of("mcp", registration);
            default -> throw new UnsupportedOperationException(m.getName());
        });
        return new BearerServletFilter(BearerServletFilter.Settings.of(pipeline.authenticator(),
                new CurrentPrincipal(), config.servlet(), context));
    }

    private static BearerServletFilter filter() {
        return filter("/mcp");
    }

    /** What the response got. */
    static final class Recorded {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final HttpServletResponse response = Fakes.of(HttpServletResponse.class, (m, a) -> switch (m.getName()) {
            case "setStatus" -> {
                status = (Integer) a[0];
                yield null;
            }
            case "setHeader" -> {
                headers.put((String) a[0], (String) a[1]);
                yield null;
            }
            case "getHeader" -> headers.get((String) a[0]);
            case "setContentType", "setContentLength" -> null;
            case "getOutputStream" -> new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    /**
     * A request as the container hands it over.
     *
     * @param servletPath as the servlet mapping splits it ("" for a servlet mapped to {@code /*})
     * @param pathInfo    the rest, or null
     * @param requestUrl  scheme, host and the raw request URI
     */
    private static HttpServletRequest request(String method, String servletPath, String pathInfo, String requestUrl,
                                              Map<String, String> headers) {
        return request(method, servletPath, pathInfo, requestUrl, headers, "mcp");
    }

    /** @param servlet the name of the servlet the container dispatches it to */
    private static HttpServletRequest request(String method, String servletPath, String pathInfo, String requestUrl,
                                              Map<String, String> headers, String servlet) {
        return request(method, servletPath, pathInfo, requestUrl, headers, servlet, DispatcherType.REQUEST);
    }

    private static HttpServletRequest request(String method, String servletPath, String pathInfo, String requestUrl,
                                              Map<String, String> headers, String servlet, DispatcherType dispatch) {
        var rawUri = requestUrl.replaceFirst("^https?://[^/]+", "");
        var mapping = Fakes.of(HttpServletMapping.class, (m, a) -> switch (m.getName()) {
            case "getServletName" -> servlet;
            default -> throw new UnsupportedOperationException(m.getName());
        });
        return Fakes.of(HttpServletRequest.class, (m, a) -> switch (m.getName()) {
            case "getHttpServletMapping" -> mapping;
            case "getDispatcherType" -> dispatch;
            case "getMethod" -> method;
            case "getServletPath" -> servletPath;
            case "getPathInfo" -> pathInfo;
            case "getRequestURI" -> rawUri;
            case "getRequestURL" -> new StringBuffer(requestUrl);
            case "getContextPath" -> "/shop";
            case "getHeader" -> headers.get((String) a[0]);
            case "getHeaders" -> headers.containsKey((String) a[0])
                    ? Collections.enumeration(List.of(headers.get((String) a[0]))) : Collections.emptyEnumeration();
            case "getAttribute" -> null;
            case "setAttribute" -> null;
            case "getContentLengthLong" -> -1L;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    /**
     * The MCP Java SDK's transport (mcp-core 2.1.0) serves any request whose raw {@code getRequestURI()} ends with its
     * endpoint, and the SDK's own servlet server maps it to {@code /*}: with context root /shop,
     * {@code POST /shop/x/mcp} reaches it as an MCP request, with servlet path "" and path info "/x/mcp". A servlet
     * that can serve a guarded path is guarded for every request it serves.
     */
    @Test
    void whenTheMcpServletIsMappedToSlashStarThenARequestWhoseUriEndsInTheGuardedPathNeedsAToken()
            throws Exception {
        var filter = filter("/*");
        var passed = new AtomicBoolean();
        FilterChain chain = (req, res) -> passed.set(true);

        var control = new Recorded();
        filter.doFilter(request("POST", "", "/mcp", ROOT + "/mcp", Map.of()), control.response, chain);
        assertThat(control.status).as("control: POST /shop/mcp without a token").isEqualTo(401);
        assertThat(passed).isFalse();

        var recorded = new Recorded();
        filter.doFilter(request("POST", "", "/x/mcp", ROOT + "/x/mcp", Map.of()), recorded.response, chain);

        assertThat(passed).as("POST /shop/x/mcp without a token reached the MCP servlet").isFalse();
        assertThat(recorded.status).isEqualTo(401);
    }

    /** An application servlet forwards {@code /v1/mcp} to {@code /mcp}: the forward is guarded as a request is. */
    @Test
    void whenARequestIsForwardedToTheGuardedPathThenTheForwardNeedsAToken() throws Exception {
        var passed = new AtomicBoolean();
        var recorded = new Recorded();

        filter("/mcp").doFilter(request("POST", "/mcp", null, ROOT + "/mcp", Map.of(), "mcp", DispatcherType.FORWARD),
                recorded.response, (req, res) -> passed.set(true));

        assertThat(passed).isFalse();
        assertThat(recorded.status).isEqualTo(401);
    }

    @Test
    void whenAnotherServletServesTheRequestThenItPassesWithoutAToken() throws Exception {
        var passed = new AtomicBoolean();

        filter("/mcp").doFilter(request("POST", "", "/x/mcp", ROOT + "/x/mcp", Map.of(), "default"), new Recorded()
                .response, (req, res) -> passed.set(true));

        assertThat(passed).isTrue();
    }

    /**
     * The DPoP target is the raw request URI, which may hold what {@code java.net.URI} refuses, e.g. a malformed
     * percent-escape in a path parameter (the container removes path parameters before it decodes, so the servlet
     * path is still "/mcp"): the proof check refuses it, nothing throws.
     */
    @Test
    void whenADpopRequestUriHoldsWhatJavaNetUriRefusesThenTheRequestIsRefusedAs4xxNot500() throws Exception {
        var key = TestProofs.EC_OTHER;
        var jkt = key.calculateBase64urlEncodedThumbprint("SHA-256");
        var token = TestTokens.rs256().issuer(issuer.issuer()).audience(ROOT).claim("cnf", Map.of("jkt", jkt))
                .build();
        var passed = new AtomicBoolean();

        var cleanUrl = ROOT + "/mcp";
        var cleanProof = TestProofs.forRequest("GET", cleanUrl).signedBy(key, "ES256").accessToken(token).build();
        var control = new Recorded();
        filter().doFilter(request("GET", "/mcp", null, cleanUrl,
                Map.of("Authorization", "DPoP " + token, "DPoP", cleanProof)), control.response,
                (req, res) -> passed.set(true));
        assertThat(passed).as("control: the same token and a proof for GET /shop/mcp pass").isTrue();

        var url = ROOT + "/mcp;v=%zz";
        var proof = TestProofs.forRequest("GET", url).signedBy(key, "ES256").accessToken(token).build();
        var recorded = new Recorded();
        filter().doFilter(request("GET", "/mcp", null, url, Map.of("Authorization", "DPoP " + token, "DPoP", proof)),
                recorded.response, (req, res) -> {
                });

        assertThat(recorded.status).as("GET /shop/mcp;v=%zz: a request the client shaped is no server error")
                .isBetween(400, 499);
    }
}
