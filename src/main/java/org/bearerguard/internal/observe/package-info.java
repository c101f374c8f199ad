/**
 * What the request path and the key sources tell an observer ({@link org.bearerguard.internal.observe.Recorder}):
 * a seam that names no metrics API, a no-op unless one is present.
 */
package org.bearerguard.internal.observe;
