package org.bearerguard.it.container;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.BearerProtected;

/** A protected resource that calls deeper down: who does the container say the caller is? */
@Path("container")
@BearerProtected
@Produces(MediaType.TEXT_PLAIN)
public class ContainerCaller {

    @Inject
    Audit audit;
    @Inject
    Ledger ledger;
    @Inject
    Archive archive;
    @Inject
    SecurityContext security;
    @Context
    HttpServletRequest servlet;

    @GET
    @Path("caller")
    public String caller() {
        var principal = security.getCallerPrincipal();
        return "security=" + (principal == null ? null : principal.getName())
                + " bearer=" + (principal instanceof BearerPrincipal)
                + " servlet=" + (servlet.getUserPrincipal() == null ? null : servlet.getUserPrincipal().getName())
                + " securityInRole=" + security.isCallerInRole("auditor")
                + " ejb=" + ledger.caller();
    }

    @GET
    @Path("cdi")
    public String cdi() {
        return audit.read();
    }

    @GET
    @Path("cdi-open")
    public String cdiOpen() {
        return audit.open();
    }

    @GET
    @Path("cdi-denied")
    public String cdiDenied() {
        return audit.never();
    }

    @GET
    @Path("ejb")
    public String ejb() {
        return ledger.read();
    }

    @GET
    @Path("cdi-inherited")
    public String cdiInherited() {
        return archive.list();
    }

    @GET
    @Path("ejb-cdi")
    public String ejbThenCdi() {
        return ledger.viaAudit();
    }
}
