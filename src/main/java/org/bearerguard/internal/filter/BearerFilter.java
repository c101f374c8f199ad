package org.bearerguard.internal.filter;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.context.BearerSecurityContext;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.internal.error.Reason;

/**
 * Guards every {@link BearerProtected} resource: extract → verify → authorize → set the security context, or abort
 * with one rendered error. Post-matching ({@code @PreMatching} filters are never name-bound), at
 * {@link Priorities#AUTHENTICATION}.
 */
@Provider
@BearerProtected
@Priority(Priorities.AUTHENTICATION)
public class BearerFilter implements ContainerRequestFilter {

    private static final System.Logger LOG = System.getLogger(BearerFilter.class.getName());

    @Context
    private ResourceInfo resourceInfo;

    private final Map<Method, Requirement> requirements = new ConcurrentHashMap<>();
    private volatile BearerAuthenticator authenticator;
    private volatile CurrentPrincipal current;

    @Override
    public void filter(ContainerRequestContext request) {
        BearerAuthenticator pipeline;
        try {
            pipeline = authenticator();
        } catch (RuntimeException e) {
            // the application's CDI container cannot give us the pipeline: our side, never a 500 with a trace
            LOG.log(Level.ERROR, "bearer-guard: the request pipeline is unavailable ({0})", e.getClass().getName());
            request.abortWith(Response.status(503).header(HttpHeaders.RETRY_AFTER, "5").build());
            return;
        }
        try {
            var principal = pipeline.authenticate(request.getHeaders().get(HttpHeaders.AUTHORIZATION), requirement());
            request.setSecurityContext(new BearerSecurityContext(principal, request.getSecurityContext().isSecure()));
            currentPrincipal().set(principal);
        } catch (BearerException e) {
            LOG.log(Level.DEBUG, "bearer-guard: refused {0}", e.error());
            request.abortWith(toResponse(pipeline.render(e.error())));
        } catch (RuntimeException e) {
            // a defect of ours must not become a 500 with a stack trace: refuse the token, log without it
            LOG.log(Level.WARNING, "bearer-guard: unexpected {0} while verifying a token", e.getClass().getName());
            request.abortWith(toResponse(pipeline.render(new BearerError.InvalidToken(Reason.MALFORMED_TOKEN))));
        }
    }

    private Requirement requirement() {
        var method = resourceInfo.getResourceMethod();
        if (method == null) {
            return Requirement.NONE;
        }
        var resourceClass = resourceInfo.getResourceClass();
        return requirements.computeIfAbsent(method, m -> checked(Requirement.of(m, resourceClass), m));
    }

    /** An issuer name that no configuration defines can never match: say so once, when the method is first hit. */
    private Requirement checked(Requirement requirement, Method method) {
        for (var name : requirement.issuers()) {
            if (!authenticator().issuerNames().contains(name)) {
                LOG.log(Level.WARNING, "bearer-guard: @BearerProtected on {0}.{1} names issuer ''{2}'', which is not"
                        + " configured: its tokens are refused", method.getDeclaringClass().getName(),
                        method.getName(), name);
            }
        }
        return requirement;
    }

    private static Response toResponse(ErrorResponse error) {
        var builder = Response.status(error.status());
        error.headers().forEach(builder::header);
        error.json().ifPresent(json -> builder.type(MediaType.APPLICATION_JSON_TYPE).entity(json));
        return builder.build();
    }

    /** Looked up once: providers are not CDI beans on every server, so field injection is not portable here. */
    private BearerAuthenticator authenticator() {
        var a = authenticator;
        if (a == null) {
            a = CDI.current().select(BearerAuthenticator.class).get();
            authenticator = a;
        }
        return a;
    }

    private CurrentPrincipal currentPrincipal() {
        var c = current;
        if (c == null) {
            c = CDI.current().select(CurrentPrincipal.class).get();
            current = c;
        }
        return c;
    }
}
