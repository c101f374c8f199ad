package org.bearerguard.internal.filter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.authorize.SubResourceRules;
import org.bearerguard.internal.context.BearerSecurityContext;
import org.bearerguard.internal.container.ServletExchange;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.internal.extract.TokenCookie;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Discovery;
import org.bearerguard.internal.error.ErrorResponder;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.internal.log.RateLimitedLog;
import org.bearerguard.internal.metadata.ProtectedResources;
import org.bearerguard.internal.sender.RequestFacts;

/**
 * Guards one resource method: extract → verify → authorize → set the security context, or abort with one rendered
 * error. One instance per protected resource method, registered by {@link BearerFeature} with the requirement it
 * read at deployment, so nothing about the method is looked up per request. A sub-resource method without
 * protection of its own gets one too: it inherits its parents' protection, looked up once per chain of parents.
 *
 * <p>Threads: called concurrently by request threads. The pipeline and the principal holder come from CDI on first
 * use (providers are not CDI beans on every server); the race to look them up is benign, both threads get the same
 * application-scoped bean.
 */
final class BearerFilter implements ContainerRequestFilter {

    /** RFC 9449 §4.1. */
    static final String DPOP = "DPoP";
    static final String CERTIFICATE_ATTRIBUTE = RequestFacts.CERTIFICATE_ATTRIBUTE;
    private static final System.Logger LOG = System.getLogger(BearerFilter.class.getName());
    /** The pipeline could not be had from CDI: not the client's fault, and over soon (a deployment under way). */
    private static final BearerError NOT_READY = new BearerError.KeysUnavailable(Duration.ofSeconds(5));
    /** Responses for when there is no pipeline, hence no configured realm: none of them names one. */
    private static final ErrorResponder WITHOUT_PIPELINE = new ErrorResponder("bearer-guard");
    /** A defect of ours is logged at most this often: a client that can trigger it must not flood the log. */
    private static final RateLimitedLog DEFECTS = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    /** While the pipeline cannot be had (a deployment under way or failed), once a minute too. */
    private static final RateLimitedLog UNAVAILABLE = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    /** The method's requirement; null for a sub-resource method, whose requirement depends on its parents. */
    private final Requirement requirement;
    /** Where the method is below the context root; null for a sub-resource method or when it is unknown. */
    private final String path;
    /** The protected resource the method belongs to, once the pipeline is known (a benign race: same value). */
    private volatile Placement placement;
    /** Sub-resource methods: what each chain of parents (by class) makes them require; bounded by the app. */
    private final Map<List<Class<?>>, Optional<Requirement>> inherited = new ConcurrentHashMap<>();
    private final Supplier<BearerAuthenticator> pipelineLookup;
    private final Supplier<CurrentPrincipal> principalLookup;
    private volatile BearerAuthenticator pipeline;
    private volatile CurrentPrincipal current;

    BearerFilter(Requirement requirement, Supplier<BearerAuthenticator> pipelineLookup,
                 Supplier<CurrentPrincipal> principalLookup) {
        this(requirement, null, pipelineLookup, principalLookup);
    }

    /** @param path where the method is below the context root ({@code /api/orders/{id}}), if known */
    BearerFilter(Requirement requirement, String path, Supplier<BearerAuthenticator> pipelineLookup,
                 Supplier<CurrentPrincipal> principalLookup) {
        this.requirement = requirement;
        this.path = path;
        this.pipelineLookup = pipelineLookup;
        this.principalLookup = principalLookup;
    }

    /** A filter for a sub-resource method with no protection of its own: it inherits its parents' (if any). */
    static BearerFilter forSubResource(Supplier<BearerAuthenticator> pipelineLookup,
                                       Supplier<CurrentPrincipal> principalLookup) {
        return new BearerFilter(null, null, pipelineLookup, principalLookup);
    }

    /** The protected resource a request belongs to (RFC 9728), and what a refusal there tells the client. */
    private record Placement(Optional<ProtectedResources.Resource> resource, Discovery discovery) {
        /** The method's placement is read from each request ({@link ResourcePlacement}). */
        static final Placement PER_REQUEST = new Placement(Optional.empty(), Discovery.NONE);

        static Placement of(BearerAuthenticator pipeline, Requirement requirement, String path) {
            var resource = pipeline.resources().forPath(path);
            return new Placement(resource, BearerAuthenticator.discovery(requirement, resource));
        }
    }

    /**
     * Fixed once for a method whose paths all belong to one resource (a benign race: the same value), else from the
     * request's own path ({@link ResourcePlacement}).
     */
    private Placement placement(ContainerRequestContext request, BearerAuthenticator pipeline, Requirement required)
            throws BearerException {
        var p = requirement == null ? Placement.PER_REQUEST : placement;
        if (p == null) {
            p = ResourcePlacement.fixed(path, pipeline.resources()).map(at -> Placement.of(pipeline, required, at))
                    .orElse(Placement.PER_REQUEST);
            placement = p;
        }
        // fixed only where JAX-RS reached the method as a root resource: a locator may hand the same class over
        // below another resource path
        if (p != Placement.PER_REQUEST && (pipeline.resources().all().size() <= 1
                || request.getUriInfo().getMatchedResources().size() <= 1)) {
            return p;
        }
        if (pipeline.resources().all().size() <= 1) {
            return Placement.of(pipeline, required, "");
        }
        return Placement.of(pipeline, required, ResourcePlacement.ofRequest(request.getUriInfo()));
    }

    Requirement requirement() {
        return requirement;
    }

    /** The requirement for this request, or null when the request needs no token (an unprotected sub-resource). */
    private Requirement requirement(ContainerRequestContext request) {
        if (requirement != null) {
            return requirement;
        }
        var matched = request.getUriInfo().getMatchedResources();
        if (matched.size() < 2) {
            return null;
        }
        var parents = matched.subList(1, matched.size()).stream().<Class<?>>map(Object::getClass).toList();
        return inherited.computeIfAbsent(parents,
                p -> SubResourceRules.inherited(matched.get(0).getClass(), p)).orElse(null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        var refusal = decide(request);
        if (refusal != null) {
            request.abortWith(toResponse(refusal));
        }
    }

    /** Lets the request through (null, with the security context set) or says how to refuse it. */
    ErrorResponse decide(ContainerRequestContext request) {
        var required = requirement(request);
        if (required == null) {
            return null;
        }
        BearerAuthenticator p;
        try {
            p = pipeline();
        } catch (RuntimeException e) {
            UNAVAILABLE.log(Level.ERROR, () -> "bearer-guard: the request pipeline is unavailable ("
                    + e.getClass().getName() + ")");
            return WITHOUT_PIPELINE.render(NOT_READY);
        }
        Placement where = null; // the context root's, for a refusal before the request was placed
        try {
            where = placement(request, p, required);
            var principal = p.authenticate(facts(request, p), required, where.resource());
            p.callers().registerFrom(request.getProperty(ServletExchange.ATTRIBUTE), principal);
            request.setSecurityContext(new BearerSecurityContext(principal, request.getSecurityContext().isSecure()));
            currentPrincipal().set(principal);
            return null;
        } catch (BearerException e) {
            LOG.log(Level.DEBUG, "bearer-guard: refused {0}", e.error());
            return p.render(e, (where != null ? where : Placement.of(p, required, "")).discovery());
        } catch (RuntimeException e) {
            // no client input may get here: it is our defect, so a 500 (never an invalid_token that blames the
            // token), without detail, logged with the exception class only (its message may quote the input)
            DEFECTS.log(Level.ERROR, () -> "bearer-guard: defect while verifying a token: " + e.getClass().getName()
                    + " at " + topFrame(e));
            return p.render(new BearerError.ServerError());
        }
    }

    /**
     * The request as the pipeline sees it. The target URI is built only for a DPoP request and the client certificate
     * looked up only for a certificate-bound token: a Bearer request pays for neither.
     */
    private static RequestFacts facts(ContainerRequestContext request, BearerAuthenticator pipeline) {
        var uri = request.getUriInfo();
        return new RequestFacts(TokenCookie.authorization(request.getHeaders().get(HttpHeaders.AUTHORIZATION),
                request.getHeaders().get(HttpHeaders.COOKIE), pipeline.tokenCookie()), request.getHeaders().get(DPOP),
                request.getMethod(), () -> RequestTarget.of(uri.getRequestUri(), uri.getBaseUri(),
                        pipeline.externalBase()),
                () -> clientCertificate(request));
    }

    /**
     * The TLS client certificate (RFC 8705 §3): the servlet container's request attribute (Jakarta Servlet 6.0
     * §3.10), which Jersey (Payara) and RESTEasy (OpenLiberty) expose as a request property; the first is the
     * client's own.
     */
    static Optional<X509Certificate> clientCertificate(ContainerRequestContext request) {
        return RequestFacts.clientCertificate(request.getProperty(CERTIFICATE_ATTRIBUTE));
    }

    private static String topFrame(Throwable e) {
        var trace = e.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].getClassName() + "." + trace[0].getMethodName() + ":"
                + trace[0].getLineNumber();
    }

    static Response toResponse(ErrorResponse error) {
        var builder = Response.status(error.status());
        error.headers().forEach(builder::header);
        error.json().ifPresent(json -> builder.type(MediaType.APPLICATION_JSON_TYPE).entity(json));
        return builder.build();
    }

    private BearerAuthenticator pipeline() {
        var a = pipeline;
        if (a == null) {
            a = pipelineLookup.get();
            pipeline = a;
        }
        return a;
    }

    private CurrentPrincipal currentPrincipal() {
        var c = current;
        if (c == null) {
            c = principalLookup.get();
            current = c;
        }
        return c;
    }
}
