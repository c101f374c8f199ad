package org.bearerguard.it.app;

import jakarta.ws.rs.Path;
import org.bearerguard.BearerProtected;

/** The same inherited methods as {@link Catalog}, for admins of the default issuer only. */
@Path("back-office")
@BearerProtected(roles = "admin", issuers = "default")
public class BackOffice extends Crud {
}
