package org.bearerguard.it.app;

import jakarta.ws.rs.Path;
import org.bearerguard.BearerProtected;

/** A protected resource whose locator hands requests on to a sub-resource that declares nothing itself. */
@Path("admin-area")
@BearerProtected(roles = "admin")
public class AdminArea {

    @Path("users")
    public Users users() {
        return new Users();
    }
}
