package org.bearerguard.it.app;

import jakarta.ws.rs.Path;
import org.bearerguard.BearerProtected;

/** Any valid token. */
@Path("catalog")
@BearerProtected
public class Catalog extends Crud {
}
