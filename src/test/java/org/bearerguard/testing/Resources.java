package org.bearerguard.testing;

import org.bearerguard.BearerProtected;

/** Resource classes for the rule tests: one inherited method, served by classes with different rules. */
public final class Resources {

    private Resources() {
    }

    public abstract static class Crud {
        public String get(String id) {
            return id;
        }
    }

    /** Any valid token. */
    @BearerProtected
    public static class Catalog extends Crud {
    }

    /** The same inherited method, for admins of the default issuer only. */
    @BearerProtected(roles = "admin", issuers = "default")
    public static class Admin extends Crud {
    }
}
