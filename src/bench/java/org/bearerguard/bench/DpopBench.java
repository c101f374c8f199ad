package org.bearerguard.bench;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.context.BearerSecurityContext;
import org.bearerguard.internal.dpop.DpopPolicy;
import org.bearerguard.internal.dpop.DpopVerifier;
import org.bearerguard.internal.dpop.ProofResult;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.sender.RequestFacts;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.bearerguard.testing.TestRequests;
import org.jose4j.jwk.PublicJsonWebKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a DPoP request (RFC 9449) costs against a Bearer request, through the real pipeline (extract, verify, sender
 * check, authorize, context), in one run. The access token is the {@link Fixture} token, RS256 as Keycloak signs it,
 * repeated, so that it is answered from the verified-token cache as deployed: what is left is what every request
 * pays. DPoP requests carry the same token bound to the client's key ({@code cnf.jkt}) and a proof of that key,
 * ES256, PS256 or RS256, fresh for every call, as clients send them.
 *
 * <p>A proof can be used once (the replay store remembers it), so every call needs a new one, and signing one costs
 * more than checking it (1.3 to 1.7 ms against 0.1 ms for RSA on our machine). Signing stays out of the timing:
 * {@code dpop} is timed in batches of {@link #BATCH} requests, whose proofs a {@link Level#Invocation} setup signs
 * before each batch, on every core; JMH divides by the batch ({@link OperationsPerInvocation}), and these cases warm
 * up longer ({@link #WARMUP_BATCHED}: leave {@code -wi} off the command line, which would override it). One request per invocation would
 * leave the pipeline cold and barely compiled between two signatures (a Bearer request measured 5 to 18 times its
 * usual cost that way in a trial run). {@code bearerBeside} is the Bearer request in exactly that harness (proofs
 * signed before each batch, not sent): the harness's own effect, and the baseline to subtract for what DPoP adds.
 * Allocation (-prof gc) counts the setup's too: compare {@code dpop} with {@code bearerBeside}, not with
 * {@code bearer}.
 *
 * <p>{@code proofCheck} is {@link DpopVerifier#check} alone (parse, key, claims, {@code ath}, signature; no replay
 * store), which is stateless, so one proof is checked over and over; {@code proofFloor} is the JDK's signature check
 * of that proof (split, decode, verify), nothing else. The replay store is bounded at 10,000,000 proofs (and per key):
 * with the defaults (100,000; 10,000 per key) one client key would fill its share within a run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class DpopBench {

    static final String METHOD = "GET";
    static final String URI = TestRequests.URI;
    static final Requirement REQUIREMENT = Requirement.scopes("orders:read");
    /** DPoP requests per timed invocation, their proofs signed before it (1.3 to 1.7 ms each on our machine). */
    static final int BATCH = 1000;
    /**
     * Warm-up iterations of the batched cases: they make about 1,000 to 2,000 calls a second, not a million, and
     * were still getting faster after 3 (an RSA proof's request: 102 µs, then 77, 70, 65, 63).
     */
    static final int WARMUP_BATCHED = 8;

    /** One issuer (RSA 2048, keys from a real JWKS server), one pipeline with the token cache on, as deployed. */
    @State(Scope.Benchmark)
    public static class Server {
        JwksServer issuer;
        Fixture fixture;
        BearerConfig config;
        Pipeline pipeline;
        RequestFacts bearer;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            issuer = JwksServer.start(TestKeys.RSA);
            fixture = new Fixture("RS256", issuer.issuer());
            config = TestConfig.issuer(issuer.issuer()).with("bearer.audience", Fixture.AUDIENCE)
                    .with("bearer.token-cache.size", "10000")
                    .with("bearer.dpop.replay.max-entries", "10000000")
                    .with("bearer.dpop.replay.max-per-key", "10000000")
                    .build();
            pipeline = new Pipeline(config);
            bearer = TestRequests.bearer(fixture.token);
            authenticate(this, bearer);
            pipeline.awaitIdle();
            if (pipeline.respond(TestRequests.bearer(fixture.tampered), REQUIREMENT).status() != 401) {
                throw new IllegalStateException("the pipeline accepted the tampered token");
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            pipeline.close();
            issuer.close();
        }
    }

    /** A client: its key pair, the token bound to it, and fresh proofs for the request. */
    public abstract static class Client {
        Server server;
        String alg;
        PublicJsonWebKey key;
        String token;
        String ath;

        abstract String alg();

        @Setup(Level.Trial)
        public void setup(Server s) throws Exception {
            server = s;
            alg = alg();
            key = alg.equals("ES256") ? TestKeys.EC : TestKeys.RSA_ROTATED; // never the issuer's key
            token = s.fixture.boundTo(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            ath = TestProofs.ath(token);
            var request = request();
            if (authenticate(s, request).getDpopKeyThumbprint().isEmpty()) {
                throw new IllegalStateException("a DPoP request without a proven key");
            }
            expectStatus(s, request, 401, "a replayed proof");
            expectStatus(s, TestRequests.bearer(token), 401, "the bound token as a Bearer token");
            expectStatus(s, TestRequests.dpop(token, TestProofs.forRequest(METHOD, URI).claim("ath", ath)
                    .signedBy(TestProofs.EC_OTHER, "ES256").build()), 401, "a proof by another key");
        }

        String proof() {
            return TestProofs.forRequest(METHOD, URI).claim("ath", ath).signedBy(key, alg).build();
        }

        RequestFacts request() {
            return TestRequests.dpop(token, proof());
        }

        private static void expectStatus(Server s, RequestFacts request, int status, String what) {
            int got = s.pipeline.respond(request, REQUIREMENT).status();
            if (got != status) {
                throw new IllegalStateException(what + ": " + got + ", expected " + status);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class AnyClient extends Client {
        @Param({"ES256", "PS256", "RS256"})
        public String proofAlg;

        String alg() {
            return proofAlg;
        }
    }

    /**
     * The next {@link #BATCH} requests, each with a proof of its own, signed before the batch outside the timing
     * ({@link Level#Invocation}: the batch is one invocation).
     */
    @State(Scope.Thread)
    public static class FreshProofs {
        final RequestFacts[] requests = new RequestFacts[BATCH];

        /** On every core: the sooner a batch is signed, the more calls each iteration times and warms. */
        @Setup(Level.Invocation)
        public void sign(AnyClient client) {
            IntStream.range(0, BATCH).parallel().forEach(i -> requests[i] = client.request());
        }
    }

    /** One proof, checked again and again by the verifier alone (it keeps no state: no replay store here). */
    @State(Scope.Thread)
    public static class OneProof {
        DpopVerifier verifier;
        Optional<String> token;
        String proof;
        Signature signature;
        PublicKey publicKey;
        final Base64.Decoder decoder = Base64.getUrlDecoder();

        @Setup(Level.Trial)
        public void setup(AnyClient client) throws Exception {
            var dpop = client.server.config.dpop();
            verifier = new DpopVerifier(new DpopPolicy(dpop.algorithms(), dpop.proofWindow(), dpop.clockSkew(),
                    Optional.empty()), Clock.systemUTC());
            token = Optional.of(client.token);
            signature = switch (client.alg) {
                case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    var pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                default -> throw new IllegalArgumentException(client.alg);
            };
            publicKey = client.key.getPublicKey();
        }

        /** A new proof each iteration, so that its {@code iat} stays inside the window however long the run. */
        @Setup(Level.Iteration)
        public void fresh(AnyClient client) throws Exception {
            proof = client.proof();
            if (!(check() instanceof ProofResult.Valid)) {
                throw new IllegalStateException("the proof is refused: " + check());
            }
            if (!floor()) {
                throw new IllegalStateException("the JDK refuses the proof's signature");
            }
        }

        ProofResult check() {
            return verifier.check(proof, METHOD, URI, token);
        }

        boolean floor() throws Exception {
            int dot = proof.lastIndexOf('.');
            signature.initVerify(publicKey);
            signature.update(proof.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(decoder.decode(proof.substring(dot + 1)));
        }
    }

    static BearerPrincipal authenticate(Server s, RequestFacts request) throws BearerException {
        return s.pipeline.authenticator().authenticate(request, REQUIREMENT);
    }

    /** Bearer, the same token every call: a token-cache hit, as VerifyBench's bearerGuardRepeated. */
    @Benchmark
    public Object d1_bearer(Server s) throws Exception {
        return new BearerSecurityContext(authenticate(s, s.bearer), false);
    }

    /** d1 in d3's harness: batches of {@link #BATCH} calls, the proofs for them signed before each and not sent. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Warmup(iterations = WARMUP_BATCHED, time = 2)
    public void d2_bearerBeside(Server s, FreshProofs p, Blackhole bh) throws Exception {
        for (int i = 0; i < BATCH; i++) {
            bh.consume(new BearerSecurityContext(authenticate(s, s.bearer), false));
        }
    }

    /** DPoP, the same (bound) token every call, a proof of its own for each call, signed before the batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Warmup(iterations = WARMUP_BATCHED, time = 2)
    public void d3_dpop(Server s, FreshProofs p, Blackhole bh) throws Exception {
        for (var request : p.requests) {
            bh.consume(new BearerSecurityContext(authenticate(s, request), false));
        }
    }

    /** The proof check alone ({@link DpopVerifier#check}): everything of d3 but the rest of the pipeline and the replay store. */
    @Benchmark
    public Object d4_proofCheck(OneProof p) {
        var result = p.check();
        if (!(result instanceof ProofResult.Valid)) {
            throw new IllegalStateException(result.toString());
        }
        return result;
    }

    /** The floor under d4: the JDK's signature check of the proof, nothing else. */
    @Benchmark
    public boolean d5_proofFloor(OneProof p) throws Exception {
        if (!p.floor()) {
            throw new IllegalStateException("bad signature");
        }
        return true;
    }
}
