/**
 * The cluster protocol over the JCache region that every process using the same cache shares (a distributed provider
 * spans nodes): key sets as raw JSON with their generation, fetch time and expiry, and the fetch lease, unknown-kid
 * allowance and backoff. Values are plain strings, each authenticated with {@code bearer.cache.secret} and bounded
 * before use, so neither the provider nor anyone else who can write to it is trusted.
 */
package org.bearerguard.internal.region;
