package org.bearerguard.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Methods that several resource classes inherit unchanged, each with its own rules. */
public abstract class Crud {

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@PathParam("id") String id) {
        return "{\"id\":\"" + id + "\"}";
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        return "{\"items\":[]}";
    }
}
