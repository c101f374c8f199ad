package org.bearerguard.internal.container;

import jakarta.ejb.ApplicationException;

/**
 * A CDI bean's JSR 250 annotations refused the request's caller: answered as the filter answers a missing role
 * (403 {@code insufficient_scope}), or, with no verified caller at all, as a missing token (401), by the JAX-RS
 * mapper in {@code ContainerRefusals} and by the servlet filter on its paths.
 *
 * <p>An EJB application exception (where the EJB API is visible; elsewhere the annotation is simply absent), so
 * that a CDI bean's refusal inside an EJB call reaches the caller as itself, not wrapped in an
 * {@code EJBException}. It names no method: the message may be logged, never shown to the client.
 */
@ApplicationException(rollback = true)
public final class RoleRefusal extends SecurityException {

    private static final long serialVersionUID = 1L;
    private final boolean anonymous;

    RoleRefusal(boolean anonymous) {
        super(anonymous ? "No verified caller for a role-restricted method"
                : "The verified caller has none of the roles a method allows");
        this.anonymous = anonymous;
    }

    /**
     * Whether a refusal by JSR 250 annotations is {@code failure} or one of its causes: a {@link RoleRefusal}, or an
     * EJB container's {@code EJBAccessException} (named, not loaded: the EJB API may be absent). A servlet container
     * wraps what a servlet throws in a {@code ServletException}; the search is bounded.
     */
    public static boolean within(Throwable failure) {
        var t = failure;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof RoleRefusal || t.getClass().getName().equals("jakarta.ejb.EJBAccessException")) {
                return true;
            }
        }
        return false;
    }

    /** Whether no bearer token was verified in this request. */
    public boolean anonymous() {
        return anonymous;
    }
}
