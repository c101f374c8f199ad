package org.bearerguard.it.app;

import jakarta.annotation.security.DenyAll;
import jakarta.ws.rs.Path;
import org.bearerguard.BearerProtected;

/** The same inherited methods as {@link Catalog}, denied to everyone. */
@Path("sealed")
@BearerProtected
@DenyAll
public class Sealed extends Crud {
}
