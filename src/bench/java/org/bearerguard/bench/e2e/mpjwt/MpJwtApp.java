package org.bearerguard.bench.e2e.mpjwt;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The same endpoint under OpenLiberty's own MicroProfile JWT (mpJwt-2.1). */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
public class MpJwtApp extends Application {

    @Path("hello")
    public static class Hello {
        @GET
        @RolesAllowed("user")
        public String hello() {
            return "hello";
        }
    }
}
