package org.bearerguard.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.context.BearerSecurityContext;
import org.bearerguard.internal.sender.RequestFacts;
import org.bearerguard.testing.IntrospectionServer;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestRequests;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A repeated opaque token (an introspection answer kept in the process) next to a repeated JWT (a verified-token
 * cache hit), through the real pipeline from the {@code Authorization} header to the JAX-RS security context, in one
 * run, one pipeline: the issuer introspects opaque tokens at a local endpoint (called once, in setup) and verifies
 * its JWTs, the {@link Fixture} token, itself. The opaque token is as long as Okta's (a 43-character reference
 * token); its answer carries what the JWT does (subject, scopes, roles, audience).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class IntrospectionBench {

    static final Requirement REQUIREMENT = Requirement.scopes("orders:read");
    static final String OPAQUE = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v";

    @State(Scope.Benchmark)
    public static class Server {
        JwksServer issuer;
        IntrospectionServer endpoint;
        Pipeline pipeline;
        RequestFacts jwt;
        RequestFacts opaque;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            issuer = JwksServer.start(TestKeys.RSA);
            endpoint = IntrospectionServer.start(issuer.issuer());
            var fixture = new Fixture("RS256", issuer.issuer());
            endpoint.activate(OPAQUE, Map.of("aud", Fixture.AUDIENCE, "scope", "openid profile email orders:read",
                    "preferred_username", "alice", "realm_access", Map.of("roles", java.util.List.of("user",
                            "offline_access")), "client_id", "shop", "exp",
                    java.time.Instant.now().plusSeconds(3600).getEpochSecond()));
            pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.audience", Fixture.AUDIENCE)
                    .with("bearer.introspection", "opaque")
                    .with("bearer.introspection.endpoint", endpoint.endpoint())
                    .with("bearer.introspection.client-id", IntrospectionServer.CLIENT_ID)
                    .with("bearer.introspection.client-secret", IntrospectionServer.CLIENT_SECRET)
                    // the answer stays for the whole run, as a token's would within its cache time
                    .with("bearer.introspection.cache-time", "1h")
                    .build());
            jwt = TestRequests.bearer(fixture.token);
            opaque = TestRequests.bearer(OPAQUE);
            pipeline.authenticator().authenticate(jwt, REQUIREMENT);
            pipeline.authenticator().authenticate(opaque, REQUIREMENT);
            if (endpoint.calls() != 1) {
                throw new IllegalStateException("expected one introspection, saw " + endpoint.calls());
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            if (endpoint.calls() != 1) {
                throw new IllegalStateException("the opaque token was introspected again: " + endpoint.calls());
            }
            pipeline.close();
            endpoint.close();
            issuer.close();
        }
    }

    /** The Keycloak-shaped JWT, repeated: VerifyBench's bearerGuardRepeated, with introspection configured. */
    @Benchmark
    public Object repeatedJwt(Server s) throws Exception {
        return new BearerSecurityContext(s.pipeline.authenticator().authenticate(s.jwt, REQUIREMENT), false);
    }

    /** The opaque token, repeated: its SHA-256 and the kept answer, no call. */
    @Benchmark
    public Object repeatedOpaque(Server s) throws Exception {
        return new BearerSecurityContext(s.pipeline.authenticator().authenticate(s.opaque, REQUIREMENT), false);
    }
}
