/**
 * The implementation of bearer-guard, grouped by role: config, extract, verify, keys, cache, context, error, filter.
 * Nothing here is API: it may change in any release.
 */
package org.bearerguard.internal;
