package org.bearerguard.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A sub-resource (no {@code @Path}): protected only through {@link AdminArea}'s locator. */
public class Users {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        return "{\"users\":[\"alice\"]}";
    }
}
