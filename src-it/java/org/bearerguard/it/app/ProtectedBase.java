package org.bearerguard.it.app;

import org.bearerguard.BearerProtected;

/** Protection declared once, on a superclass, for every resource that extends it. */
@BearerProtected
public abstract class ProtectedBase extends Crud {
}
