/**
 * The JAX-RS entry point: {@code BearerFilter}, name-bound to {@code @BearerProtected}, runs extract → verify →
 * authorize → set the context, and {@code BearerAuthenticator}, the application-scoped pipeline it calls.
 */
package org.bearerguard.internal.filter;
