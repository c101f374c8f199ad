/**
 * The container's caller ({@code bearer.jakarta-security=on}): after bearer-guard has verified a request in full, it
 * tells the server who the caller is and in which roles, through a Jakarta Security
 * {@code HttpAuthenticationMechanism}, so that {@code @RolesAllowed} on EJBs, {@code EJBContext} and Jakarta
 * Security's {@code SecurityContext} see the bearer principal; CDI beans' JSR 250 annotations are enforced by an
 * interceptor of ours. Nothing here runs, nor is any Jakarta Security class loaded, while the property is off.
 */
package org.bearerguard.internal.container;
