package org.bearerguard.bench.e2e.plain;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

/** The unprotected endpoint: what a request costs with no token check at all. */
@ApplicationPath("/api")
public class PlainApp extends Application {

    @Path("hello")
    public static class Hello {
        @GET
        public String hello() {
            return "hello";
        }
    }
}
