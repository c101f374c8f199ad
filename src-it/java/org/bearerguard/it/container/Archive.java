package org.bearerguard.it.container;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/** A CDI bean that names its role on the class and inherits its one method: every level counts. */
@ApplicationScoped
@RolesAllowed("auditor")
public class Archive extends ArchiveBase {
}
