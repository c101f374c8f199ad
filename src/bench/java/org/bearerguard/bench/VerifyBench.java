package org.bearerguard.bench;

import java.util.concurrent.TimeUnit;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One token, verified by every peer and by bearer-guard on each signature provider, RS256, PS256, ES256 and EdDSA, in
 * one run; each provider's own floor beside the JDK's. A peer without the algorithm (auth0: PS256, EdDSA) fails its
 * setup and is left out. Each case has its own state so
 * a fork loads and warms only the library it measures. Run by {@code src/bench/run-jmh.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class VerifyBench {

    @State(Scope.Benchmark)
    public static class Token {
        @Param({"RS256", "PS256", "ES256", "EdDSA"})
        public String alg;
        JwksServer issuer;
        Fixture fixture;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            issuer = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED);
            fixture = new Fixture(alg, issuer.issuer());
        }

        @TearDown(Level.Trial)
        public void stop() {
            issuer.close();
        }
    }

    /** A verifier built once per trial and checked: it must accept the token and refuse the tampered one. */
    public abstract static class Case {
        Peers.Verifier verifier;
        String token;

        abstract Peers.Verifier make(Fixture f) throws Exception;

        @Setup(Level.Trial)
        public void setup(Token t) throws Exception {
            verifier = Peers.checked(getClass().getSimpleName(), make(t.fixture), t.fixture);
            token = t.fixture.token;
        }
    }

    /** {@code bearer.signature-provider}: the JDK, and each provider on the bench class path. */
    @State(Scope.Benchmark)
    public static class Floor extends Case {
        @Param({"jdk", "AmazonCorrettoCryptoProvider", "Conscrypt", "BC"})
        public String provider;

        Peers.Verifier make(Fixture f) throws Exception {
            return Peers.floor(f, provider);
        }
    }

    @State(Scope.Benchmark)
    public static class BearerGuardFirstSeen extends Case {
        @Param({"jdk", "AmazonCorrettoCryptoProvider", "Conscrypt", "BC"})
        public String provider;

        Peers.Verifier make(Fixture f) throws Exception {
            return Peers.bearerGuard(f, false, provider);
        }
    }

    @State(Scope.Benchmark)
    public static class BearerGuardRepeated extends Case {
        Peers.Verifier make(Fixture f) throws Exception {
            return Peers.bearerGuard(f, true, "jdk");
        }
    }

    @State(Scope.Benchmark)
    public static class Jose4j extends Case {
        Peers.Verifier make(Fixture f) {
            return Peers.jose4j(f);
        }
    }

    @State(Scope.Benchmark)
    public static class SmallRye extends Case {
        Peers.Verifier make(Fixture f) {
            return Peers.smallRye(f);
        }
    }

    @State(Scope.Benchmark)
    public static class Nimbus extends Case {
        Peers.Verifier make(Fixture f) throws Exception {
            return Peers.nimbus(f);
        }
    }

    @State(Scope.Benchmark)
    public static class Auth0 extends Case {
        Peers.Verifier make(Fixture f) {
            return Peers.auth0(f);
        }
    }

    @Benchmark
    public Object c1_floor(Floor c) throws Exception {
        return c.verifier.verify(c.token);
    }

    @Benchmark
    public Object c2_bearerGuardFirstSeen(BearerGuardFirstSeen c) throws Exception {
        return c.verifier.verify(c.token);
    }

    @Benchmark
    public Object c3_bearerGuardRepeated(BearerGuardRepeated c) throws Exception {
        return c.verifier.verify(c.token);
    }

    @Benchmark
    public Object c4_jose4j(Jose4j c) throws Exception {
        return c.verifier.verify(c.token);
    }

    @Benchmark
    public Object c5_smallRye(SmallRye c) throws Exception {
        return c.verifier.verify(c.token);
    }

    @Benchmark
    public Object c6_nimbus(Nimbus c) throws Exception {
        return c.verifier.verify(c.token);
    }

    @Benchmark
    public Object c7_auth0(Auth0 c) throws Exception {
        return c.verifier.verify(c.token);
    }
}
