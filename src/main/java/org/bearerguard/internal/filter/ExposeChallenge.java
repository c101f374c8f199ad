package org.bearerguard.internal.filter;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.bearerguard.internal.error.ErrorResponder;
import org.bearerguard.internal.error.ExposedHeaders;

/**
 * Lets a browser client read a refusal's challenge: on a response that carries {@code WWW-Authenticate} and that
 * the application's CORS handling allows for an origin ({@code Access-Control-Allow-Origin}), it lists
 * {@code WWW-Authenticate} in {@code Access-Control-Expose-Headers}. Runs after the application's own response
 * filters (response filters run from the highest priority value to the lowest), so that their CORS headers are set;
 * a response without them is left alone: bearer-guard never makes CORS decisions itself.
 */
@Provider
@Priority(10)
public class ExposeChallenge implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getHeaderString(ErrorResponder.WWW_AUTHENTICATE) == null
                || response.getHeaderString(ExposedHeaders.ALLOW_ORIGIN) == null) {
            return;
        }
        var exposed = response.getHeaderString(ExposedHeaders.EXPOSE);
        response.getHeaders().putSingle(ExposedHeaders.EXPOSE, ExposedHeaders.with(exposed, ErrorResponder.WWW_AUTHENTICATE));
    }
}
