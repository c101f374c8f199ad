package org.bearerguard.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.bearerguard.BearerProtected;
import org.bearerguard.DpopMode;

/** Resources a discovering client meets: one without DPoP, and two that ask for a stronger or fresher login. */
@Path("discovery")
@Produces(MediaType.TEXT_PLAIN)
public class DiscoveryResource {

    @GET
    @Path("legacy")
    @BearerProtected(scopes = "legacy:read", dpop = DpopMode.OFF)
    public String legacy(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    @GET
    @Path("step-up")
    @BearerProtected(acr = {"gold", "silver"})
    public String stepUp(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    @GET
    @Path("gold")
    @BearerProtected(acr = "gold")
    public String gold(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    @GET
    @Path("recent")
    @BearerProtected(maxAge = 300)
    public String recent(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
