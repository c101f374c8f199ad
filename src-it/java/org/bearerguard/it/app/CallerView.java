package org.bearerguard.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.bearerguard.BearerPrincipal;

/** A request-scoped bean of the application that injects the caller. */
@RequestScoped
public class CallerView {

    @Inject
    BearerPrincipal caller;

    public String describe() {
        return caller.getName() + "@" + caller.getIssuer();
    }
}
