/**
 * The JCache region that holds fetched key sets as raw JSON with their fetch time and expiry: shared by every
 * process that uses the same cache (a distributed provider spans nodes). Values are plain strings, so any provider
 * can store them without our classes.
 */
package org.bearerguard.internal.cache;
