/**
 * Takes the bearer token out of the request, exactly as RFC 6750 §2.1 allows, and reads its characters once: b64token
 * syntax, the dots, and for a compact JWS its three segments decoded in their one canonical base64url spelling
 * ({@link org.bearerguard.internal.extract.Base64Url}), before any JSON is parsed.
 */
package org.bearerguard.internal.extract;
