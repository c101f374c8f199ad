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
     * @throws BearerException 401 for a token that is not active or not for this resource; 503 when the answer
     *                         cannot be had
     */
    VerifiedPrincipal introspect(String token, IntrospectionRules rules) throws BearerException;
}
