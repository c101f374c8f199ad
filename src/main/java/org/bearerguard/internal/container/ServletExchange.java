package org.bearerguard.internal.container;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet request and response a JAX-RS request came in on, left by bearer-guard's servlet filter as a request
 * attribute (JAX-RS exposes servlet attributes as request properties on both servers), so that the JAX-RS filter can
 * hand them to Jakarta Security.
 */
public record ServletExchange(HttpServletRequest request, HttpServletResponse response) {

    /** The request attribute (and JAX-RS request property) that holds it. */
    public static final String ATTRIBUTE = ServletExchange.class.getName();

    /** Leaves this request's exchange for the JAX-RS filter. */
    public static void offer(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(ATTRIBUTE, new ServletExchange(request, response));
    }
}
