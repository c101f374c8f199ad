package org.bearerguard.demo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The demo's JAX-RS application; resources and the bearer-guard filter are discovered by scanning. */
@ApplicationPath("/api")
public class DemoApplication extends Application {
}
