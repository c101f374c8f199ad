package com.example.orders;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.BearerProtected;

/** The README's example resource, as a user writes it. */
@Path("orders")
@BearerProtected(scopes = "orders:read")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    @Inject
    BearerPrincipal caller;

    @GET
    public String mine() {
        return "orders of " + caller.getName();
    }

    @DELETE
    @Path("{id}")
    @BearerProtected(roles = {"admin", "support"})
    public String delete(@PathParam("id") String id) {
        return "deleted " + id + " by " + caller.getName();
    }

    @GET
    @Path("audit")
    @RolesAllowed("auditor")
    public String audit() {
        return "audit for " + caller.getName();
    }
}
