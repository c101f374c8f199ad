/**
 * What a resource method requires of a verified token: {@code @BearerProtected} scopes (all) and roles (any), plus
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll}, the method's annotation replacing its class's.
 */
package org.bearerguard.internal.authorize;
