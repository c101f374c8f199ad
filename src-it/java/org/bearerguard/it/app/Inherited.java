package org.bearerguard.it.app;

import jakarta.ws.rs.Path;

/** No annotation of its own: protected by {@link ProtectedBase}. */
@Path("inherited")
public class Inherited extends ProtectedBase {
}
