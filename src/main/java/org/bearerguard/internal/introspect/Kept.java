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

    /**
     * Until when this process remembers the token at all: an active answer until the token's {@code exp} (past
     * {@link #until} only as "known to have been active", for the renewal budget), an inactive one until its time.
     */
    Instant rememberUntil() {
        if (answer instanceof IntrospectionRules.Active active && active.token().expiresAt().isAfter(until)) {
            return active.token().expiresAt();
        }
        return until;
    }
}
