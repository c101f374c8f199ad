package org.bearerguard.it.container;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** An EJB: its container enforces @RolesAllowed against the container's caller. */
@Stateless
public class Ledger {

    @Resource
    SessionContext context;

    @RolesAllowed("auditor")
    public String read() {
        return "ledger read by " + context.getCallerPrincipal().getName();
    }

    @Inject
    Audit audit;

    /** Open itself, it calls a CDI bean that needs a role. */
    @PermitAll
    public String viaAudit() {
        return "ledger via " + audit.read();
    }

    /** Who the EJB container says the caller is, and whether it is an auditor. */
    @PermitAll
    public String caller() {
        return context.getCallerPrincipal().getName() + " auditor=" + context.isCallerInRole("auditor");
    }
}
