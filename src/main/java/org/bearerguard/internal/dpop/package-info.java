/**
 * DPoP proof verification (RFC 9449): a proof JWT checked against one request (§4.3) with the key in its own header,
 * the RFC 7638 thumbprint of that key, stateless server nonces (§9) and the key under which an accepted proof is
 * remembered against replay. Nothing here holds per-request state; the replay store itself lives elsewhere.
 */
package org.bearerguard.internal.dpop;
