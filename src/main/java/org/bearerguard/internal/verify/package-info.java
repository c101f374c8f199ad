/**
 * Verification of a compact JWS access token with jose4j: parse once, check the header, pick the configured issuer
 * by the (unverified) {@code iss}, check the signature with that issuer's keys, then the claims, and map them to a
 * {@link org.bearerguard.BearerPrincipal}.
 */
package org.bearerguard.internal.verify;
