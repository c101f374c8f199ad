package org.bearerguard.internal.mpjwt;

import java.util.function.UnaryOperator;
import org.bearerguard.BearerPrincipal;

/**
 * What a verified caller looks like to the application: a {@link JwtPrincipal} where the application sees the
 * MicroProfile JWT API, the principal itself elsewhere. This type names no MP JWT class.
 */
public final class PrincipalView {

    static final String JSON_WEB_TOKEN = "org.eclipse.microprofile.jwt.JsonWebToken";

    private PrincipalView() {
    }

    /** For this application's class loader. */
    public static UnaryOperator<BearerPrincipal> forApplication() {
        return mpJwtVisible() ? JwtPrincipal::new : UnaryOperator.identity();
    }

    /**
     * What {@code @Inject JsonWebToken} gives: the request's verified caller, or (none verified) a token without
     * name or claims, as MP JWT implementations give. Call only where {@link #mpJwtVisible()}.
     */
    public static Object jsonWebToken(java.util.Optional<? extends BearerPrincipal> verified) {
        return verified.<Object>map(p -> p instanceof JwtPrincipal ? p : new JwtPrincipal(p)).orElse(NoToken.INSTANCE);
    }

    /** Whether the MicroProfile JWT API (and JSON-P, which it needs) can be loaded by the library's class loader. */
    public static boolean mpJwtVisible() {
        try {
            Class.forName(JSON_WEB_TOKEN, true, PrincipalView.class.getClassLoader());
            Class.forName("org.eclipse.microprofile.jwt.Claims", true, PrincipalView.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
