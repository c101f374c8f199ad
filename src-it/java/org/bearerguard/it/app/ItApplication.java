package org.bearerguard.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The integration-test application: everything found by scanning, as in a user's WAR. */
@ApplicationPath("/api")
public class ItApplication extends Application {
}
