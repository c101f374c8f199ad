package org.bearerguard.internal.verify;

import org.bearerguard.internal.error.BearerException;

/**
 * Asks the authorization server about a token (RFC 7662), implemented by {@code introspect.Introspector}: the
 * verifier decides which tokens go there, the issuer's {@link IntrospectionRules} decide what an answer means.
 */
public interface Introspection {

    /**
     * The caller this token stands for, by introspection at the issuer of {@code rules}.
     *
     * @param signed what a JWT whose signature was checked is bound to by its own signed {@code cnf}
     *               ({@link Confirmation#NONE} for an opaque token): the answer cannot unbind it
     * @param beforeCall checked before the token is sent anywhere
     * @throws BearerException 401 for a token that is not active or not for this resource; 503 when the answer
     *                         cannot be had
     */
    VerifiedPrincipal introspect(String token, IntrospectionRules rules, Confirmation signed, BeforeCall beforeCall)
            throws BearerException;

    /**
     * What must pass before this token may be sent to the authorization server (a JWT's signature), run only when
     * no kept answer stands for it: a kept answer is one for this very token, which passed it then.
     */
    @FunctionalInterface
    interface BeforeCall {
        BeforeCall NOTHING = () -> { };

        void check() throws BearerException;
    }
}
