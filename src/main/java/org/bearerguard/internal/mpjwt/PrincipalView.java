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
