package org.bearerguard.it.app;

import jakarta.ws.rs.Path;

/** Protected by {@link OrdersApi}, the interface it implements. */
@Path("by-interface")
public class ByInterface implements OrdersApi {

    @Override
    public String orders() {
        return "{\"orders\":[]}";
    }
}
