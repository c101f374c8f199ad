/**
 * RFC 7662 token introspection: opaque tokens, and where an issuer says so its JWTs, are asked about at the issuer's
 * introspection endpoint, and the answers kept by a SHA-256 of the token, in this process and in the JCache region
 * the key sets live in, so that a cluster asks once per token. {@code verify} decides which tokens come here and what
 * an answer means ({@code verify.IntrospectionRules}); this package gets and keeps the answers.
 */
package org.bearerguard.internal.introspect;
