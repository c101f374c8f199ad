/**
 * The closed set of outcomes a request can fail with (RFC 6750 §3) and the one place that renders them as HTTP
 * responses. Descriptions come from a fixed list, so nothing from the token or the key source reaches a client.
 */
package org.bearerguard.internal.error;
