package org.bearerguard.internal.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

/** RFC 7519 §4.1 time and audience checks, against an injected clock with a configured skew. */
final class ClaimRules {

    private final Clock clock;
    private final Duration skew;
    private final Set<String> audiences;

    ClaimRules(Clock clock, Duration skew, Set<String> audiences) {
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

    Window check(JwtClaims claims) throws BearerException {
        try {
            var now = clock.instant();
            var exp = instant(claims.getExpirationTime());
            if (exp == null) {
                throw BearerException.invalidToken(Reason.MISSING_EXPIRY);
            }
            if (!now.isBefore(exp.plus(skew))) {
                throw BearerException.invalidToken(Reason.EXPIRED);
            }
            var nbf = instant(claims.getNotBefore());
            if (nbf != null && now.plus(skew).isBefore(nbf)) {
                throw BearerException.invalidToken(Reason.NOT_YET_VALID);
            }
            var iat = instant(claims.getIssuedAt());
            if (iat != null && now.plus(skew).isBefore(iat)) {
                throw BearerException.invalidToken(Reason.ISSUED_IN_FUTURE);
            }
            var aud = claims.getAudience(); // string or array of strings, else malformed
            if (!audiences.isEmpty() && aud.stream().noneMatch(audiences::contains)) {
                throw BearerException.invalidToken(Reason.AUDIENCE_NOT_ACCEPTED);
            }
            return new Window(exp, nbf == null ? null : nbf.minus(skew), exp.plus(skew));
        } catch (MalformedClaimException | ArithmeticException | java.time.DateTimeException e) {
            throw BearerException.invalidToken(Reason.MALFORMED_CLAIMS);
        }
    }

    private static Instant instant(NumericDate date) {
        return date == null ? null : Instant.ofEpochSecond(date.getValue());
    }
}
