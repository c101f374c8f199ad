package org.bearerguard.internal.container;

/**
 * A CDI bean's JSR 250 annotations refused the request's caller: {@link RefusalMapper} answers it as the filter
 * answers a missing role (403 {@code insufficient_scope}), or, with no verified caller at all, as a missing token
 * (401).
 */
public final class RoleRefusal extends SecurityException {

    private static final long serialVersionUID = 1L;
    private final boolean anonymous;

    RoleRefusal(String method, boolean anonymous) {
        super((anonymous ? "No verified caller for " : "The caller lacks the role ") + method);
        this.anonymous = anonymous;
    }

    /** Whether no bearer token was verified in this request. */
    public boolean anonymous() {
        return anonymous;
    }
}
