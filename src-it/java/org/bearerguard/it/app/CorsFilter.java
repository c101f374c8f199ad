package org.bearerguard.it.app;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * The application's own CORS handling, as many applications have one: it allows the origin {@code https://app.example}
 * and exposes a header of its own. bearer-guard adds {@code WWW-Authenticate} to what it exposes on refusals.
 */
@Provider
public class CorsFilter implements ContainerResponseFilter {

    public static final String ORIGIN = "https://app.example";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (ORIGIN.equals(request.getHeaderString("Origin"))) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", ORIGIN);
            response.getHeaders().putSingle("Access-Control-Expose-Headers", "X-Request-Id");
        }
    }
}
