package org.bearerguard.internal.introspect;

import java.time.Instant;
import org.bearerguard.internal.verify.IntrospectionRules;

/**
 * An answer as kept: active (with the caller) or inactive, until {@code until}. Refusals and unusable answers are
 * never kept.
 *
 * @param answer {@link IntrospectionRules.Active} or {@link IntrospectionRules.Inactive}
 */
record Kept(IntrospectionRules.Answer answer, Instant until) {
}
