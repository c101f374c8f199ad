/** Logging that a client cannot turn into a flood: at most one line per interval. */
package org.bearerguard.internal.log;
