package org.bearerguard.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * What a JAX-RS filter sees of the TLS connection: {@link TlsProbeFilter} answers in the {@code X-Probe-Property}
 * header. The application names no servlet type: on OpenLiberty, restfulWS-3.1 alone does not make the servlet
 * API visible to applications (NoClassDefFoundError: jakarta/servlet/http/HttpServletRequest).
 */
@Path("tls-probe")
@Produces(MediaType.APPLICATION_JSON)
public class TlsProbe {

    @Context
    SecurityContext security;

    @GET
    @TlsProbeFilter.Probed
    public String probe() {
        return "{\"secure\":" + security.isSecure() + "}";
    }
}
