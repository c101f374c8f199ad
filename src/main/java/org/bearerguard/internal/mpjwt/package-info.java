/**
 * The MicroProfile JWT view of the caller, where the application sees the MP JWT API: the principal is then also a
 * {@code JsonWebToken}, and {@code @Inject JsonWebToken} works where the server brings no bean of its own. Nothing
 * here is loaded where the API is absent.
 */
package org.bearerguard.internal.mpjwt;
