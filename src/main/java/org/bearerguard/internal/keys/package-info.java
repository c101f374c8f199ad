/**
 * Signing keys per issuer: {@code KeySources} (CDI) holds one {@code KeySource} per issuer, which serves requests
 * from an immutable in-process {@code KeySnapshot} and refreshes it single-flight, through the JCache region first and
 * the issuer's JWKS endpoint ({@code JwksFetcher}) second.
 */
package org.bearerguard.internal.keys;
