/**
 * A strict, small JSON reader (RFC 8259) for token headers and payloads on the request path: objects without
 * duplicate members, bounded depth, nothing after the value. jose4j's parser still reads key sets.
 */
package org.bearerguard.internal.json;
