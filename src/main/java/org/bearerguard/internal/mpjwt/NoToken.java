package org.bearerguard.internal.mpjwt;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@code JsonWebToken} injected where no token was verified (a resource bearer-guard does not guard): no name,
 * no claims, as MicroProfile JWT implementations inject one, so that code asking for a claim reads {@code null}
 * rather than failing the request.
 */
final class NoToken implements JsonWebToken {

    static final NoToken INSTANCE = new NoToken();

    private NoToken() {
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        return Set.of();
    }

    @Override
    public <T> T getClaim(String claimName) {
        return null;
    }

    /** MP JWT's default would unbox a missing claim. */
    @Override
    public long getExpirationTime() {
        return 0;
    }

    @Override
    public long getIssuedAtTime() {
        return 0;
    }

    @Override
    public String toString() {
        return "JsonWebToken[none]";
    }
}
