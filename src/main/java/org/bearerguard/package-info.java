/**
 * The public API of bearer-guard: annotate a JAX-RS resource with {@link org.bearerguard.BearerProtected} and read
 * the caller as a {@link org.bearerguard.BearerPrincipal}. Everything under {@code org.bearerguard.internal} may change.
 */
package org.bearerguard;
