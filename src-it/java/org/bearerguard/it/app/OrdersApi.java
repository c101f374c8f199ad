package org.bearerguard.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bearerguard.BearerProtected;

/** An API contract that declares its protection; the implementing resource declares nothing. */
@BearerProtected(scopes = "orders:read")
public interface OrdersApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    String orders();
}
