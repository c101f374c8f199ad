package org.bearerguard.bench.e2e.guarded;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import org.bearerguard.BearerProtected;

/** The same endpoint under bearer-guard. */
@ApplicationPath("/api")
public class GuardedApp extends Application {

    @Path("hello")
    public static class Hello {
        @GET
        @BearerProtected
        public String hello() {
            return "hello";
        }
    }
}
