package org.bearerguard.internal.metadata;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.log.RateLimitedLog;

/**
 * Serves the protected resource metadata (RFC 9728 §3) at {@link ProtectedResources#WELL_KNOWN} and below it, one
 * document per resource; 404 for anything else, and everywhere while {@code bearer.resource} is unset. The documents
 * are public: any origin may read them (CORS), nothing about a caller goes into them, and they are built once, on
 * the first request, from the configuration and the resource classes (the JAX-RS application has started by then or
 * is not needed: the classes come from the servlet container's scan).
 *
 * <p>Threads: request threads race to build the documents on first use; the race is benign (the same documents,
 * built from the same immutable inputs; the last write wins).
 */
public final class MetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(MetadataServlet.class.getName());
    private static final String ALLOW = "GET, HEAD, OPTIONS";
    private static final RateLimitedLog UNAVAILABLE = new RateLimitedLog(LOG, java.time.Duration.ofMinutes(1));

    private final transient List<Class<?>> resourceClasses;
    private transient volatile Map<String, String> documents;

    public MetadataServlet(List<Class<?>> resourceClasses) {
        this.resourceClasses = List.copyOf(resourceClasses);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var suffix = request.getPathInfo() == null ? "" : request.getPathInfo();
        Map<String, String> all;
        try {
            all = documents();
        } catch (RuntimeException e) {
            // the configuration cannot be had (a deployment under way or failed): as the filters answer then
            UNAVAILABLE.log(Level.ERROR, () -> "bearer-guard: protected resource metadata unavailable ("
                    + e.getClass().getName() + ")");
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        var document = all.get(suffix);
        if (document == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        var bytes = document.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "max-age=300");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A CORS preflight: a browser client may send headers of its own (such as {@code MCP-Protocol-Version}). */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setHeader("Allow", ALLOW);
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Allow-Methods", ALLOW);
        response.setHeader("Access-Control-Allow-Headers", "*");
        response.setHeader("Access-Control-Max-Age", "86400");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws jakarta.servlet.ServletException, IOException {
        var method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            super.service(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        response.setHeader("Allow", ALLOW);
    }

    private Map<String, String> documents() {
        var d = documents;
        if (d == null) {
            d = build();
            documents = d;
        }
        return d;
    }

    private Map<String, String> build() {
        var config = CDI.current().select(BearerConfig.class).get();
        var resources = ProtectedResources.of(config.resource());
        if (!resources.enabled()) {
            return Map.of();
        }
        var documents = ResourceMetadata.documents(config, resources, resourceClasses,
                List.copyOf(new TreeSet<>(config.dpop().algorithms())));
        LOG.log(Level.INFO, "bearer-guard: protected resource metadata for {0}",
                resources.all().stream().map(ProtectedResources.Resource::identifier).toList());
        return documents;
    }
}
