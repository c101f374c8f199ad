package org.bearerguard.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.sender.RequestFacts;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter alone: what it does to a request for each outcome of the pipeline. */
class BearerFilterTest {

    private final JwksServer issuer = JwksServer.start(TestKeys.RSA);
    private final Pipeline pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).build());
    private final CurrentPrincipal current = new CurrentPrincipal();

    @AfterEach
    void close() {
        pipeline.close();
        issuer.close();
    }

    private BearerFilter filter(BearerAuthenticator authenticator) {
        return new BearerFilter(Requirement.NONE, () -> authenticator, () -> current);
    }

    @Test
    void whenTheTokenIsValidThenTheSecurityContextCarriesTheCallerAndNothingIsAborted() {
        var request = new FilterFixtures.Request("Bearer " + TestTokens.rs256().issuer(issuer.issuer()).build());

        var refusal = filter(pipeline.authenticator()).decide(request.context);

        assertThat(refusal).isNull();
        assertThat(request.security.getUserPrincipal().getName()).isEqualTo("alice");
        assertThat(request.security.getAuthenticationScheme()).isEqualTo("Bearer");
        assertThat(request.security.isSecure()).isTrue(); // the container's answer, passed through
    }

    @Test
    void whenThereIsNoTokenThenTheRequestIsAbortedWith401AndBothChallenges() {
        var request = new FilterFixtures.Request();

        var refusal = filter(pipeline.authenticator()).decide(request.context);

        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.headers()).containsExactly(entry("Cache-Control", "no-store"),
                entry("WWW-Authenticate", "Bearer realm=\"test\", DPoP realm=\"test\", algs=\"ES256 ES384 ES512 EdDSA"
                        + " PS256 PS384 PS512 RS256 RS384 RS512\""));
        assertThat(request.security).isNull();
    }

    @Test
    void whenOurOwnCodeThrowsThenRespondsWith500WithoutDetailAndLogsTheClassOncePerMinute() {
        var broken = new BearerAuthenticator(TestConfig.issuer(issuer.issuer()).build(), pipeline.keys(),
                java.time.Clock.systemUTC()) {
            @Override
            public BearerPrincipal authenticate(RequestFacts request, Requirement requirement,
                    java.util.Optional<org.bearerguard.internal.metadata.ProtectedResources.Resource> resource)
                    throws BearerException {
                throw new IllegalStateException("a message that quotes " + request.authorization());
            }
        };
        var filter = filter(broken);
        try (var log = new LogCapture()) {
            var first = filter.decide(new FilterFixtures.Request("Bearer secret-token-value").context);
            var second = filter.decide(new FilterFixtures.Request("Bearer secret-token-value").context);

            assertThat(first.status()).isEqualTo(500);
            assertThat(first.headers()).containsExactly(entry("Cache-Control", "no-store"));
            assertThat(first.json()).isEmpty();
            assertThat(second).isEqualTo(first);
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).startsWith("SEVERE bearer-guard: defect while verifying a token:"
                    + " java.lang.IllegalStateException at ").doesNotContain("secret-token-value");
        }
    }

    @Test
    void whenThePipelineCannotBeHadThenRespondsWith503AndRetryAfter() {
        var request = new FilterFixtures.Request("Bearer x.y.z");

        var refusal = new BearerFilter(Requirement.NONE, () -> {
            throw new IllegalStateException("no CDI here");
        }, () -> current).decide(request.context);

        assertThat(refusal.status()).isEqualTo(503);
        assertThat(refusal.headers()).containsExactly(entry("Cache-Control", "no-store"), entry("Retry-After", "5"));
    }
}
