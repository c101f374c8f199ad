/** Takes the bearer token out of the request, exactly as RFC 6750 §2.1 allows, before anything is parsed. */
package org.bearerguard.internal.extract;
