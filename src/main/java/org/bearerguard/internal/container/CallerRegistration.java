package org.bearerguard.internal.container;

import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.internal.config.Property;

/**
 * Tells the container a caller bearer-guard has verified in full, or nothing ({@link #NONE}, the default). This type
 * names no Jakarta Security class, so the pipeline loads on a server without it; the implementation is loaded only
 * with {@code bearer.jakarta-security=on}.
 */
public interface CallerRegistration {

    CallerRegistration NONE = new CallerRegistration() {
        @Override
        public void register(ServletExchange exchange, BearerPrincipal principal) {
        }

        @Override
        public boolean active() {
            return false;
        }
    };

    /**
     * Makes {@code principal} the container's caller for the rest of this request.
     *
     * @throws IllegalStateException when the container did not take it (bearer-guard's defect or the server's
     *                               configuration: a 500, never a request let through anonymous)
     */
    void register(ServletExchange exchange, BearerPrincipal principal);

    /**
     * From the JAX-RS filter, which finds the servlet request and response in a request attribute: nothing when
     * off.
     *
     * @param exchange what the servlet filter left for this request ({@link ServletExchange#ATTRIBUTE})
     * @throws IllegalStateException when on and the servlet filter did not see the request, or the container did
     *                               not take the caller (a 500, never anonymous)
     */
    default void registerFrom(Object exchange, BearerPrincipal principal) {
        if (!active()) {
            return;
        }
        if (!(exchange instanceof ServletExchange e)) {
            throw new IllegalStateException("bearer-guard's servlet filter did not see this request");
        }
        register(e, principal);
    }

    /** Whether callers are registered at all. */
    boolean active();

    /**
     * For {@code bearer.jakarta-security}.
     *
     * @throws BearerConfigException when it is on and the application cannot see Jakarta Security
     */
    static CallerRegistration of(boolean jakartaSecurity) {
        if (!jakartaSecurity) {
            return NONE;
        }
        try {
            Class.forName("jakarta.security.enterprise.SecurityContext", false,
                    CallerRegistration.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BearerConfigException(Property.JAKARTA_SECURITY.key() + "=on needs Jakarta Security, which this"
                    + " server does not give the application: on OpenLiberty add the feature appSecurity-5.0");
        }
        return new JakartaSecurityLogin();
    }
}
