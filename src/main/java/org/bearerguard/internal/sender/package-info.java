/**
 * Sender-constrained tokens: whether the request proves what its token is bound to (a DPoP key, RFC 9449 §7; a
 * TLS client certificate, RFC 8705 §3), and that a bound token is never taken as a plain bearer token.
 */
package org.bearerguard.internal.sender;
