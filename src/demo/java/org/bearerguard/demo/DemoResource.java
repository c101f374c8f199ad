package org.bearerguard.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.BearerProtected;
import org.jose4j.json.JsonUtil;
import java.util.List;
import java.util.Map;

/** What a user of bearer-guard writes: plain resources, one annotation each. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    @Inject
    BearerPrincipal caller;

    @GET
    @Path("public")
    public String everyone() {
        return JsonUtil.toJson(Map.of("message", "no token needed"));
    }

    @GET
    @Path("me")
    @BearerProtected
    public String me() {
        return JsonUtil.toJson(Map.of(
                "name", caller.getName(),
                "subject", String.valueOf(caller.getSubject()),
                "issuer", caller.getIssuer(),
                "scopes", List.copyOf(caller.getScopes()),
                "roles", List.copyOf(caller.getRoles())));
    }

    @GET
    @Path("orders")
    @BearerProtected(scopes = "orders:read")
    public String orders() {
        return JsonUtil.toJson(Map.of("owner", caller.getName(), "orders", List.of("A-1001", "A-1002")));
    }

    @GET
    @Path("admin")
    @BearerProtected(roles = "admin")
    public String admin() {
        return JsonUtil.toJson(Map.of("message", "hello admin " + caller.getName()));
    }
}
