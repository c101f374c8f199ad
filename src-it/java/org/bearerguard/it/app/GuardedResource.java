package org.bearerguard.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.BearerProtected;
import org.bearerguard.DpopMode;
import org.jose4j.json.JsonUtil;

/** Resources as a user writes them; each answer shows what the application sees of the caller. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GuardedResource {

    @Inject
    BearerPrincipal caller;

    @Inject
    CallerView view;

    @Context
    SecurityContext security;

    @GET
    @Path("health")
    public String health() {
        return "{\"status\":\"up\"}";
    }

    @GET
    @Path("me")
    @BearerProtected
    public String me() {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", security.getUserPrincipal().getName());
        out.put("principalType", security.getUserPrincipal() instanceof BearerPrincipal ? "BearerPrincipal" : "other");
        out.put("scheme", security.getAuthenticationScheme());
        out.put("userInRoleUser", security.isUserInRole("user"));
        out.put("secure", security.isSecure());
        out.put("injectedName", caller.getName());
        out.put("injectedSubject", caller.getSubject());
        out.put("scopes", List.copyOf(caller.getScopes()));
        out.put("roles", List.copyOf(caller.getRoles()));
        out.put("bean", view.describe());
        out.put("dpopKey", caller.getDpopKeyThumbprint().orElse(""));
        out.put("certificate", caller.getCertificateThumbprint().orElse(""));
        return JsonUtil.toJson(out);
    }

    @GET
    @Path("dpop-only")
    @BearerProtected(dpop = DpopMode.REQUIRED)
    public String dpopOnly() {
        return "{\"dpopKey\":\"" + caller.getDpopKeyThumbprint().orElse("") + "\"}";
    }

    @GET
    @Path("orders")
    @BearerProtected(scopes = "orders:read")
    public String orders() {
        return "{\"orders\":[\"A-1\"],\"owner\":\"" + caller.getName() + "\"}";
    }

    @GET
    @Path("admin")
    @BearerProtected(roles = "admin")
    public String admin() {
        return "{\"admin\":\"" + caller.getName() + "\"}";
    }

    @GET
    @Path("partner-only")
    @BearerProtected(issuers = "partner")
    public String partnerOnly() {
        return "{\"partner\":\"" + caller.getIssuer() + "\"}";
    }
}
