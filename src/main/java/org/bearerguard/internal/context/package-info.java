/**
 * Hands the verified caller to the application: a JAX-RS {@code SecurityContext}, and a request-scoped
 * {@link org.bearerguard.BearerPrincipal} for {@code @Inject}.
 */
package org.bearerguard.internal.context;
