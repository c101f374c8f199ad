package org.bearerguard.internal.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/**
 * RFC 7519 §4.1 time and audience checks, against an injected clock with a configured skew. The audience is checked
 * unless the issuer opted out ({@code audience-check=off}): RFC 9068 §4 makes it a MUST.
 */
final class ClaimRules {

    private final Clock clock;
    private final Duration skew;
    private final Optional<Set<String>> audiences;

    ClaimRules(Clock clock, Duration skew, Optional<Set<String>> audiences) {
        this.clock = clock;
        this.skew = skew;
        this.audiences = audiences;
    }

    /**
     * When a verified token may be accepted, skew included.
     *
     * @param expiresAt   {@code exp}
     * @param acceptFrom  {@code nbf} minus skew, or null
     * @param acceptUntil {@code exp} plus skew
     */
    record Window(Instant expiresAt, Instant acceptFrom, Instant acceptUntil) {
    }

    Window check(Claims claims) throws BearerException {
        var now = clock.instant();
        var exp = claims.numericDate("exp");
        if (exp == null) {
            throw BearerException.refused(Reason.MISSING_EXPIRY);
        }
        if (!now.isBefore(exp.plus(skew))) {
            throw BearerException.refused(Reason.EXPIRED);
        }
        var nbf = claims.numericDate("nbf");
        if (nbf != null && now.plus(skew).isBefore(nbf)) {
            throw BearerException.refused(Reason.NOT_YET_VALID);
        }
        var iat = claims.numericDate("iat");
        if (iat != null && now.plus(skew).isBefore(iat)) {
            throw BearerException.refused(Reason.ISSUED_IN_FUTURE);
        }
        var aud = claims.audience();
        if (audiences.isPresent() && aud.stream().noneMatch(audiences.get()::contains)) {
            throw BearerException.refused(Reason.AUDIENCE_NOT_ACCEPTED);
        }
        return new Window(exp, nbf == null ? null : nbf.minus(skew), exp.plus(skew));
    }
}
