package org.bearerguard.it.container;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/** A CDI bean (not an EJB) whose JSR 250 annotations bearer-guard enforces with bearer.jakarta-security=on. */
@ApplicationScoped
@RolesAllowed("auditor")
public class Audit {

    public String read() {
        return "audit read";
    }

    @PermitAll
    public String open() {
        return "audit open";
    }

    @DenyAll
    public String never() {
        return "audit never";
    }
}
