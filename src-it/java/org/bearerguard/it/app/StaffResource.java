package org.bearerguard.it.app;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.bearerguard.BearerProtected;

/**
 * {@code @RolesAllowed}, decided by bearer-guard on the token's roles. On Payara the WAR switches Payara's own JAX-RS
 * {@code @RolesAllowed} handling off ({@code WEB-INF/payara-web.xml}), as the README tells users to.
 */
@Path("staff")
@Produces(MediaType.APPLICATION_JSON)
public class StaffResource {

    @Context
    SecurityContext security;

    @GET
    @BearerProtected
    @RolesAllowed("staff")
    public String staff() {
        return "{\"staff\":\"" + security.getUserPrincipal().getName() + "\"}";
    }
}
