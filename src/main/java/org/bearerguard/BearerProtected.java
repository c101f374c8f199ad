package org.bearerguard;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a valid OAuth 2.0 access token on a JAX-RS resource class or method: a bearer token (RFC 6750), or a
 * sender-constrained one with its proof (a DPoP proof, RFC 9449; the TLS client certificate, RFC 8705).
 *
 * <p>A method's annotation replaces its class's. Without a valid token the request ends with {@code 401}; with a
 * valid token that lacks a required scope or role, with {@code 403 insufficient_scope}.
 *
 * <p>Inherited: a resource is protected when the annotation is on the resource method, on a method it overrides or
 * implements, on the resource class, on a superclass or on an interface it implements; the nearest one counts
 * (method level first, then class level). Each resource class gets its own rules, also for a method it inherits.
 * An issuer named in {@link #issuers()} that no configuration defines fails the application's start.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BearerProtected {

    /** Scopes the token must carry, all of them (from the {@code scope} or {@code scp} claim). */
    String[] scopes() default {};

    /** Roles of which the token must carry at least one (from the configured roles claims). */
    String[] roles() default {};

    /**
     * Names of the configured issuers whose tokens this resource accepts ({@code default} for {@code bearer.issuer},
     * else the {@code <name>} of {@code bearer.issuers.<name>.issuer}); empty: every configured issuer.
     */
    String[] issuers() default {};

    /**
     * Whether DPoP-bound tokens (RFC 9449) are taken here: {@link DpopMode#CONFIGURED} (the default) leaves it to
     * {@code bearer.dpop} of the token's issuer. Every level that counts (see above) must agree: {@code OFF} on one
     * and {@code REQUIRED} on another fails the application's start.
     */
    DpopMode dpop() default DpopMode.CONFIGURED;

    /**
     * Step-up authentication (RFC 9470): the token's {@code acr} must be one of these, listed in order of
     * preference; empty: any. A token that falls short gets {@code 401 insufficient_user_authentication} with
     * {@code acr_values}, so the client can ask the authorization server for a stronger login. Values are printable
     * ASCII without space, {@code "} or {@code \}.
     */
    String[] acr() default {};

    /**
     * Step-up authentication (RFC 9470): the most seconds since the user last authenticated (the token's
     * {@code auth_time}); a token without {@code auth_time} or with an older one gets
     * {@code 401 insufficient_user_authentication} with {@code max_age}. Negative (the default): no limit.
     */
    long maxAge() default -1;
}
