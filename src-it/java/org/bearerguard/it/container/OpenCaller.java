package org.bearerguard.it.container;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Not protected: the container's caller stays anonymous, whatever the request carries. */
@Path("open-container")
@Produces(MediaType.TEXT_PLAIN)
public class OpenCaller {

    @Inject
    Audit audit;
    @Inject
    Ledger ledger;
    @Inject
    SecurityContext security;

    @GET
    @Path("caller")
    public String caller() {
        return "security=" + security.getCallerPrincipal();
    }

    @GET
    @Path("cdi")
    public String cdi() {
        return audit.read();
    }

    @GET
    @Path("ejb")
    public String ejb() {
        return ledger.read();
    }
}
