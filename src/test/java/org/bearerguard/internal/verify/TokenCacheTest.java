package org.bearerguard.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.ScenarioBase;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The verified-token cache: what a hit re-checks, what never enters, and its bound. */
class TokenCacheTest extends ScenarioBase {

    private TestTokens token() {
        return scenario.token();
    }

    @Test
    void whenATokenIsVerifiedThenARepeatIsServedFromTheCache() throws Exception {
        var p = pipeline();
        var token = token().build();
        var first = p.authenticate(token);

        var again = p.authenticate(token);

        assertThat(p.fullVerifications()).isEqualTo(1);
        assertThat(p.cachedTokens()).isEqualTo(1);
        assertThat(again).isEqualTo(first);
        assertThat(again.getScopes()).isEqualTo(first.getScopes());
        assertThat(again.getRoles()).isEqualTo(first.getRoles());
        assertThat(again.getClaims()).isEqualTo(first.getClaims()); // re-read from the token on demand
        assertThat(again.getRawToken()).isEqualTo(token);
    }

    @Test
    void whenACachedTokenExpiresThenTheHitIsRefusedAndTheEntryDropped() throws Exception {
        var p = pipeline();
        var token = token().build();
        p.authenticate(token);

        clock.advance(Duration.ofSeconds(300 + 61)); // past exp plus the 60 s skew

        assertThat(p.respond(token).header("WWW-Authenticate").orElseThrow()).contains("The token has expired");
        assertThat(p.cachedTokens()).isZero();
    }

    @Test
    void whenACachedTokenLacksTheScopeOfAnotherResourceThenThatResourceRefusesIt() throws Exception {
        var p = pipeline();
        var token = token().scope("openid").build();
        p.authenticate(token);

        var response = p.respond(List.of("Bearer " + token),
                Requirement.scopes("orders:write"));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void whenACachedTokenComesToAResourceOfAnotherIssuerThenItIsRefused() throws Exception {
        var p = pipeline();
        var token = token().build();
        p.authenticate(token);

        var response = p.respond(List.of("Bearer " + token),
                Requirement.issuers("partner"));

        assertThat(response.header("WWW-Authenticate").orElseThrow()).contains("The token issuer is not trusted");
    }

    @Test
    void whenTheSigningKeyLeavesTheKeySetThenTheCachedTokenIsDroppedAndRefused() throws Exception {
        var p = pipeline();
        var token = token().build();
        p.authenticate(token);
        issuer.publish(TestKeys.RSA_ROTATED);
        clock.advance(Duration.ofMinutes(4)); // refresh ahead
        p.keys().maintain();
        p.awaitIdle();

        assertThat(p.respond(token).header("WWW-Authenticate").orElseThrow())
                .contains("The token signing key is unknown");
        assertThat(p.cachedTokens()).isZero();
    }

    @Test
    void whenARefreshLandsBetweenTheKeyLookupAndCachingThenTheHitRechecksTheKeyInTheCurrentSet() throws Exception {
        // the refresh lands while the claims are checked: after the key was looked up, before the entry is made
        var landing = new RefreshDuringClaimChecks(clock);
        try (var p = new Pipeline(scenario.config().build(), landing)) {
            var token = token().build();
            landing.onClaimChecks(() -> {
                issuer.publish(TestKeys.RSA_ROTATED); // the token's key is gone from the new set
                clock.advance(Duration.ofMinutes(4)); // refresh ahead
                p.keys().maintain();
                p.awaitIdle();
            });
            p.authenticate(token);
            assertThat(landing.landed()).isTrue();

            var again = p.respond(token);

            assertThat(again.status()).isEqualTo(401);
            assertThat(again.header("WWW-Authenticate").orElseThrow()).contains("The token signing key is unknown");
        }
    }

    /** The scenario's clock, which runs a hook once, the first time the claim rules read it. */
    private static final class RefreshDuringClaimChecks extends java.time.Clock {
        private final java.time.Clock base;
        private volatile Runnable hook;
        private volatile boolean landed;

        RefreshDuringClaimChecks(java.time.Clock base) {
            this.base = base;
        }

        void onClaimChecks(Runnable hook) {
            this.hook = hook;
        }

        boolean landed() {
            return landed;
        }

        @Override
        public java.time.Instant instant() {
            var h = hook;
            if (h != null && StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(f -> f.getClassName().endsWith(".ClaimRules")))) {
                hook = null;
                h.run();
                landed = true;
            }
            return base.instant();
        }

        @Override
        public java.time.ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void whenTheKeysArePastTheirMaximumStalenessThenACachedTokenGets503Too() throws Exception {
        var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.jwks.max-staleness", "1m")
                .with("bearer.clock-skew", "10m"));
        var token = token().build();
        p.authenticate(token);
        issuer.down(true);

        clock.advance(Duration.ofMinutes(7)); // expiry at 5 min, plus 1 min of staleness

        assertThat(p.respond(token).status()).isEqualTo(503);
    }

    @Test
    void whenTokensAreRefusedThenNothingIsCached() {
        var p = pipeline();

        p.respond(token().expired().build());
        p.respond(TestTokens.signedBy(TestKeys.ATTACKER, "RS256").issuer(issuer.issuer()).build());
        p.respond("not.a.token");

        assertThat(p.cachedTokens()).isZero();
    }

    @Test
    void whenTheCacheIsFullThenNewTokensAreVerifiedEveryTimeAndCachedOnesStay() throws Exception {
        var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.token-cache.size", "3"));
        var cached = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            cached.add(token().claim("sub", "user-" + i).build());
            p.authenticate(cached.get(i));
        }
        for (int i = 3; i < 50; i++) {
            p.authenticate(token().claim("sub", "user-" + i).build());
        }
        long verified = p.fullVerifications();

        p.authenticate(cached.get(0));

        assertThat(p.cachedTokens()).isEqualTo(3);
        assertThat(p.fullVerifications()).isEqualTo(verified); // still served from the cache
    }

    @Test
    void whenTheCacheIsFullOfExpiredTokensThenTheyMakeRoomForNewOnes() throws Exception {
        var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.token-cache.size", "2"));
        p.authenticate(token().claim("sub", "a").build());
        p.authenticate(token().claim("sub", "b").build());
        clock.advance(Duration.ofMinutes(10));

        p.authenticate(token().claim("sub", "c").build());

        assertThat(p.cachedTokens()).isEqualTo(1);
    }

    @Test
    void whenTheCacheIsSwitchedOffThenNothingIsCached() throws Exception {
        var p = pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.token-cache.size", "0"));
        var token = token().build();

        p.authenticate(token);
        p.authenticate(token);

        assertThat(p.fullVerifications()).isEqualTo(2);
        assertThat(p.cachedTokens()).isZero();
    }

}
