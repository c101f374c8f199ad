package org.bearerguard.internal.context;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import org.bearerguard.BearerPrincipal;

/** Holds the request's verified caller, set by the filter, and produces it for {@code @Inject BearerPrincipal}. */
@RequestScoped
public class CurrentPrincipal {

    private BearerPrincipal principal;

    public void set(BearerPrincipal principal) {
        this.principal = principal;
    }

    /** The caller verified in this request, if any. */
    public java.util.Optional<BearerPrincipal> verified() {
        return java.util.Optional.ofNullable(principal);
    }

    /**
     * Request-scoped, so an injection point in any bean always reaches the current request's caller.
     *
     * @throws IllegalStateException when used in a request that no {@code @BearerProtected} filter verified
     */
    @Produces
    @RequestScoped
    BearerPrincipal principal() {
        if (principal == null) {
            throw new IllegalStateException("No bearer token was verified in this request:"
                    + " BearerPrincipal is available in @BearerProtected resources only");
        }
        return principal;
    }
}
