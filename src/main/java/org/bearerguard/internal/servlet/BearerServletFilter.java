package org.bearerguard.internal.servlet;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.container.RoleRefusal;
import org.bearerguard.internal.container.ServletExchange;
import org.bearerguard.internal.extract.TokenCookie;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.error.ErrorResponder;
import org.bearerguard.internal.filter.BearerAuthenticator;
import org.bearerguard.internal.log.RateLimitedLog;
import org.bearerguard.internal.sender.RequestFacts;

/**
 * The pipeline of {@code @BearerProtected}, for servlets that are not JAX-RS resources (the MCP Java SDK's
 * Streamable HTTP transport): a request to one of {@code bearer.servlet.paths} goes on only with a valid token that
 * carries {@code bearer.servlet.scopes}, and, for an MCP {@code tools/call} of a tool in
 * {@code bearer.servlet.mcp-tool-scopes}, that tool's scopes; the responses are the JAX-RS filter's, byte for byte.
 * The servlet then sees the caller as {@code getUserPrincipal()}, and as the request attribute
 * {@link #PRINCIPAL_ATTRIBUTE}, which an MCP server hands to its tools through its transport context.
 *
 * <p>A request is guarded when its path (the container's decoded, normalised servlet path and path info) is one of
 * {@code bearer.servlet.paths}, and also whenever the servlet that serves it has a mapping that can capture one of
 * them: the MCP SDK's transport mapped to {@code /*} serves any URI that ends with its endpoint, so every request it
 * serves is guarded.
 *
 * <p>Every other request passes untouched, and so does a CORS preflight (an {@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}, which never carries credentials), as JAX-RS lets preflights through.
 *
 * <p>Threads: called concurrently; the pipeline and settings come from CDI on first use, a benign race (the same
 * application-scoped beans).
 */
public class BearerServletFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** The request attribute holding the verified {@link BearerPrincipal}. */
    public static final String PRINCIPAL_ATTRIBUTE = BearerPrincipal.class.getName();
    private static final System.Logger LOG = System.getLogger(BearerServletFilter.class.getName());
    private static final ErrorResponder WITHOUT_PIPELINE = new ErrorResponder("bearer-guard");
    /** A client that can trigger a defect must not flood the log: once a minute. */
    private static final RateLimitedLog DEFECTS = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    private transient volatile Settings settings;

    /** As the servlet container creates it: the settings come from CDI on the first request. */
    public BearerServletFilter() {
    }

    /** With these settings (tests). */
    BearerServletFilter(Settings settings) {
        this.settings = settings;
    }

    /**
     * What the filter needs, once.
     *
     * @param guardedServlets servlet name → the guarded path its mappings capture ({@link ServletPaths#capturedBy})
     */
    record Settings(BearerAuthenticator pipeline, CurrentPrincipal current, ServletPaths paths,
                    Map<String, String> guardedServlets, Requirement requirement, Map<String, List<String>> toolScopes,
                    int maxBodyBytes) {

        static Settings of(BearerAuthenticator pipeline, CurrentPrincipal current, BearerConfig.ServletSettings servlet,
                           jakarta.servlet.ServletContext context) {
            var paths = new ServletPaths(servlet.paths());
            var guarded = new java.util.HashMap<String, String>();
            if (!paths.isEmpty()) {
                for (var registration : context.getServletRegistrations().values()) {
                    for (var mapping : registration.getMappings()) {
                        paths.capturedBy(mapping).ifPresent(p -> guarded.putIfAbsent(registration.getName(), p));
                    }
                }
            }
            return new Settings(pipeline, current, paths, Map.copyOf(guarded),
                    new Requirement(servlet.scopes(), List.of(), false, java.util.Set.of()), servlet.toolScopes(),
                    servlet.maxBodyBytes());
        }

        /**
         * The guarded path this dispatch is for: by its path, or by the servlet that serves it. A forward or an async
         * dispatch has its target as the request's own path and mapping, an include in the include attributes.
         */
        Optional<String> guards(HttpServletRequest request) {
            if (paths.isEmpty()) {
                return Optional.empty();
            }
            boolean include = request.getDispatcherType() == DispatcherType.INCLUDE;
            var path = include ? text(request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH))
                    + text(request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO)) : pathBelowContext(request);
            var byPath = paths.match(path);
            if (byPath.isPresent() || guardedServlets.isEmpty()) {
                return byPath;
            }
            var mapping = include ? request.getAttribute(RequestDispatcher.INCLUDE_MAPPING)
                    : request.getHttpServletMapping();
            return mapping instanceof HttpServletMapping m
                    ? Optional.ofNullable(guardedServlets.get(m.getServletName())) : Optional.empty();
        }

        private static String text(Object attribute) {
            return attribute instanceof String s ? s : "";
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var s = settings(request);
        if (s == null) {
            // without the configuration, nobody knows which paths are guarded: none passes
            ServletAnswers.write(response, WITHOUT_PIPELINE.render(new BearerError.KeysUnavailable(Duration.ofSeconds(5))));
            return;
        }
        if (s.pipeline().callers().active()) {
            // for the JAX-RS filter, which tells Jakarta Security about the callers it lets in
            ServletExchange.offer(request, response);
        }
        if (s.paths().isEmpty()) {
            // nothing configured: every request of the application passes here, at the cost of this test
            chain.doFilter(request, response);
            return;
        }
        if (request.getAttribute(PRINCIPAL_ATTRIBUTE) != null) {
            // verified already, on the way in: a forward, include or async dispatch of the same request
            chain.doFilter(request, response);
            return;
        }
        var guarded = s.guards(request);
        if (guarded.isEmpty() || isPreflight(request)) {
            chain.doFilter(request, response);
            return;
        }
        var pipeline = s.pipeline();
        var resource = pipeline.resources().forPath(guarded.get());
        var requirement = s.requirement();
        BearerPrincipal principal;
        try {
            principal = pipeline.authenticate(facts(request, pipeline), requirement, resource);
        } catch (BearerException e) {
            ServletAnswers.write(response, pipeline.render(e, BearerAuthenticator.discovery(requirement, resource)));
            return;
        } catch (RuntimeException e) {
            DEFECTS.log(Level.ERROR, () -> "bearer-guard: defect while verifying a token: " + e.getClass().getName());
            ServletAnswers.write(response, pipeline.render(new BearerError.ServerError()));
            return;
        }
        byte[] body = null;
        if (!s.toolScopes().isEmpty() && "POST".equals(request.getMethod())) {
            body = readBody(request, s.maxBodyBytes());
            if (body == null) {
                ServletAnswers.plain(response, 413, "The request body is longer than allowed");
                return;
            }
            Optional<String> tool;
            try {
                tool = McpToolCall.tool(body);
            } catch (McpToolCall.Unreadable e) {
                ServletAnswers.plain(response, 400, "The request body is not a JSON-RPC message that can be read");
                return;
            }
            var needed = tool.map(s.toolScopes()::get).orElse(List.of());
            if (!needed.isEmpty() && !pipeline.scopeHierarchy().grantsAll(principal.getScopes(), needed)) {
                var all = new LinkedHashSet<>(requirement.scopes());
                all.addAll(needed);
                var refusal = pipeline.refusing(principal, requirement,
                        BearerException.missingScopes(List.copyOf(all)));
                ServletAnswers.write(response, pipeline.render(refusal, BearerAuthenticator.discovery(requirement, resource)));
                return;
            }
        }
        try {
            pipeline.callers().register(new ServletExchange(request, response), principal);
        } catch (RuntimeException e) {
            DEFECTS.log(Level.ERROR, () -> "bearer-guard: the container could not be told the caller: "
                    + e.getClass().getName());
            ServletAnswers.write(response, pipeline.render(new BearerError.ServerError()));
            return;
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        s.current().set(principal);
        try {
            chain.doFilter(new GuardedRequest(request, principal, body), response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!RoleRefusal.within(e) || response.isCommitted()) {
                throw e;
            }
            // a CDI bean's or an EJB's JSR 250 annotations refused the caller: answered as a missing role here
            var refusal = pipeline.refusing(principal, requirement, BearerException.refused(Reason.ROLE_MISSING));
            ServletAnswers.restart(response);
            ServletAnswers.write(response, pipeline.render(refusal, BearerAuthenticator.discovery(requirement, resource)));
        }
    }

    /** The container's decoded, normalised path below the context root (of the target, for a forward). */
    private static String pathBelowContext(HttpServletRequest request) {
        var servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        return request.getPathInfo() == null ? servletPath : servletPath + request.getPathInfo();
    }

    private static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    private static RequestFacts facts(HttpServletRequest request, BearerAuthenticator pipeline) {
        return new RequestFacts(TokenCookie.authorization(headers(request, "Authorization"), headers(request, "Cookie"),
                pipeline.tokenCookie()), headers(request, "DPoP"), request.getMethod(),
                () -> target(request, pipeline), () -> certificate(request));
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    /**
     * The URI a DPoP proof's {@code htu} names: below {@code bearer.resource} (the context root as clients address
     * it) when set, else the request URL as received.
     */
    private static String target(HttpServletRequest request, BearerAuthenticator pipeline) {
        // as text: the proof check normalises (or refuses) it; java.net.URI would throw on what clients may send
        var root = pipeline.resources().forPath("");
        if (root.isEmpty()) {
            return request.getRequestURL().toString();
        }
        var raw = request.getRequestURI();
        var context = request.getContextPath();
        return root.get().identifier() + (raw.startsWith(context) ? raw.substring(context.length()) : raw);
    }

    private static Optional<X509Certificate> certificate(HttpServletRequest request) {
        return RequestFacts.clientCertificate(request.getAttribute(RequestFacts.CERTIFICATE_ATTRIBUTE));
    }

    /** At most {@code max} bytes of the body; null when it is longer. */
    private static byte[] readBody(HttpServletRequest request, int max) throws IOException {
        if (request.getContentLengthLong() > max) {
            return null;
        }
        var in = request.getInputStream();
        var out = new java.io.ByteArrayOutputStream(Math.max(0, (int) Math.min(request.getContentLengthLong(), max)));
        var buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * From CDI and the servlet context on the first request (the application's servlets are all registered by then;
     * a benign race: the same settings).
     */
    private Settings settings(HttpServletRequest request) {
        var s = settings;
        if (s == null) {
            try {
                var config = CDI.current().select(BearerConfig.class).get();
                s = Settings.of(CDI.current().select(BearerAuthenticator.class).get(),
                        CDI.current().select(CurrentPrincipal.class).get(), config.servlet(),
                        request.getServletContext());
                settings = s;
            } catch (RuntimeException e) {
                DEFECTS.log(Level.ERROR, () -> "bearer-guard: the request pipeline is unavailable ("
                        + e.getClass().getName() + ")");
                return null;
            }
        }
        return s;
    }
}
