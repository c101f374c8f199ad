package org.bearerguard.internal.introspect;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;
import org.bearerguard.internal.log.OutageLog;
import org.bearerguard.internal.log.RateLimitedLog;
import org.bearerguard.internal.region.JwksRegion;
import org.bearerguard.internal.region.SealedEntries;
import org.bearerguard.internal.verify.Introspection;
import org.bearerguard.internal.verify.Introspection.BeforeCall;
import org.bearerguard.internal.verify.Confirmation;
import org.bearerguard.internal.verify.IntrospectionRules;
import org.bearerguard.internal.verify.VerifiedPrincipal;

/**
 * Introspects tokens for the one issuer that has {@code bearer.introspection}, asking as rarely as it can:
 *
 * <ol>
 *   <li>this process's answers ({@link LocalAnswers}, by {@link TokenDigest});</li>
 *   <li>single flight: concurrent requests with one token in this process share one look-up (a future per digest;
 *       the first request runs it on its own thread, the others wait for it, bounded);</li>
 *   <li>with a shared cache, the cluster's answers and a lease per token ({@link SharedAnswers}): one process asks, the
 *       others poll for its answer until the lease runs out, then ask themselves;</li>
 *   <li>the call ({@link IntrospectionClient}), within the process's {@link CallBudget}.</li>
 * </ol>
 *
 * An active answer is kept until the token's {@code exp}, at most {@code cache-time}; an inactive one for
 * {@code inactive-cache-time}; a refusal (issuer, audience, time, type) or an unusable answer never. An answer that
 * cannot be had is a 503 with {@code Retry-After}, never a 401, logged once per outage.
 */
public final class Introspector implements Introspection {

    private static final System.Logger LOG = System.getLogger(Introspector.class.getName());

    /**
     * Longest answer kept, here and in the region: 16 KiB, as long as the longest token by default. A Keycloak answer
     * is about 1.5 KiB; 10,000 kept answers of the longest cost about 10,000 × 16 KiB × 3 as parsed claims.
     */
    static final int MAX_KEPT_BYTES = 16 * 1024;

    private final IssuerConfig issuer;
    private final IssuerConfig.Introspection settings;
    private final IntrospectionClient client;
    private final LocalAnswers local;
    private final ConcurrentHashMap<String, CompletableFuture<Kept>> flights = new ConcurrentHashMap<>();
    /** Null: no other process shares answers. */
    private final SharedAnswers shared;
    /** For tokens this process has not seen active: a flood of made-up tokens spends only this. */
    private final CallBudget newcomers;
    /** For tokens it has, whose kept answer ran out: their users never wait behind a flood. */
    private final CallBudget renewals;
    private final java.time.Duration leaseTime;
    private final OutageLog outage = new OutageLog(LOG, Duration.ofMinutes(1));
    private final RateLimitedLog overBudget = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private final LongAdder calls = new LongAdder();
    private final Clock clock;

    Introspector(IssuerConfig issuer, int maxAnswers, SealedEntries shared, Clock clock) {
        this.issuer = issuer;
        this.settings = issuer.introspection().orElseThrow();
        this.client = new IntrospectionClient(issuer);
        this.leaseTime = leaseTime(issuer);
        this.local = new LocalAnswers(maxAnswers);
        this.shared = shared == null ? null : new SharedAnswers(shared, issuer,
                HexFormat.of().formatHex(new SecureRandom().generateSeed(8)), leaseTime, clock);
        this.newcomers = new CallBudget(settings.rateLimit(), clock.instant());
        this.renewals = new CallBudget(settings.rateLimit(), clock.instant());
        this.clock = clock;
    }

    /**
     * The introspector of the issuer that has {@code bearer.introspection}, if one has; with a cache other
     * processes share, answers go into a region beside the key sets.
     */
    public static Optional<Introspector> of(BearerConfig config, JwksRegion region, Clock clock) {
        var introspecting = config.issuers().stream().filter(i -> i.introspection().isPresent()).findFirst();
        return introspecting.map(issuer -> {
            SealedEntries shared = null;
            if (region.shared()) {
                var lifetime = SharedAnswers.lifetime(issuer, leaseTime(issuer));
                // named with its lifetime: JCache fixes a cache's expiry when it is created
                shared = region.sealedEntries(config.cache().regionName() + " introspection "
                        + lifetime.toSeconds() + "s", lifetime, "introspects on its own");
            }
            return new Introspector(issuer, config.tokenCacheSize(), shared, clock);
        });
    }

    /**
     * How long one process may hold a token's lease: the longest one call can take (the endpoint's discovery, two
     * exchanges at most, and the introspection, each connect + read timeout) and a second.
     */
    private static java.time.Duration leaseTime(IssuerConfig issuer) {
        return issuer.keys().connectTimeout().plus(issuer.keys().readTimeout()).multipliedBy(3).plusSeconds(1);
    }

    /** How many introspection calls this process has made. */
    public long calls() {
        return calls.sum();
    }

    @Override
    public VerifiedPrincipal introspect(String token, IntrospectionRules rules, Confirmation signed,
                                        BeforeCall beforeCall) throws BearerException {
        var digest = TokenDigest.of(token);
        var kept = local.get(digest, clock.instant());
        if (kept == null) {
            beforeCall.check();
            kept = shareFlight(token, digest, rules);
        }
        if (kept.answer() instanceof IntrospectionRules.Active active) {
            return rules.accept(active.token(), token, signed);
        }
        throw BearerException.refused(Reason.INACTIVE);
    }

    /**
     * One look-up per digest at a time in this process: the first request runs it, the others wait for it. The runner
     * looks at the kept answers once more first: a request that missed them just before another flight finished
     * (it keeps its answer, then leaves {@code flights}) would otherwise start a second call.
     */
    private Kept shareFlight(String token, String digest, IntrospectionRules rules) throws BearerException {
        var flight = new CompletableFuture<Kept>();
        var running = flights.putIfAbsent(digest, flight);
        if (running == null) {
            try {
                var kept = local.get(digest, clock.instant());
                if (kept == null) {
                    kept = lookUp(token, digest, rules);
                }
                flight.complete(kept);
                return kept;
            } catch (BearerException | RuntimeException e) {
                flight.completeExceptionally(e);
                throw e;
            } finally {
                flights.remove(digest, flight);
            }
        }
        return await(running);
    }

    private Kept await(CompletableFuture<Kept> running) throws BearerException {
        // the runner's region look-ups (1 s each), its wait for another process's lease, then its own call
        long wait = leaseTime.multipliedBy(2).plusSeconds(5).toMillis();
        try {
            return running.get(wait, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BearerException refusal) {
                throw refusal;
            }
            throw unavailable();
        } catch (TimeoutException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private Kept lookUp(String token, String digest, IntrospectionRules rules) throws BearerException {
        if (shared == null) {
            spend(digest);
            return keep(digest, ask(token, rules)).kept();
        }
        var theirs = shared.find(digest, rules);
        if (theirs != null) {
            local.put(digest, theirs, clock.instant());
            return theirs;
        }
        // spent before the lease: a process over its budget holds no lease that others would wait on
        spend(digest);
        var lease = shared.lease(digest);
        if (lease == null) {
            try {
                theirs = shared.awaitHolder(digest, rules, leaseTime);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable();
            }
            if (theirs != null) {
                local.put(digest, theirs, clock.instant());
                return theirs;
            }
        }
        try {
            var asked = keep(digest, ask(token, rules));
            if (asked.body() != null || asked.kept().answer() instanceof IntrospectionRules.Inactive) {
                shared.keep(digest, asked.kept(), asked.body());
            }
            return asked.kept();
        } finally {
            if (lease != null) {
                shared.release(digest, lease);
            }
        }
    }

    /** One call's worth of the budget this token draws on, or 503. */
    private void spend(String digest) throws BearerException {
        var now = clock.instant();
        var budget = local.knownActive(digest, now) ? renewals : newcomers;
        if (!budget.tryTake(now)) {
            overBudget.log(Level.WARNING, () -> "bearer-guard: more than " + settings.rateLimit()
                    + " introspections a second asked of " + issuer.issuer() + "; tokens not introspected yet get 503"
                    + " meanwhile (" + rateLimitKey() + ")");
            throw BearerException.keysUnavailable(Duration.ofSeconds(1));
        }
    }

    /** Keeps what may be kept of an answer just had in this process. */
    private Asked keep(String digest, Asked asked) {
        local.put(digest, asked.kept(), clock.instant());
        return asked;
    }

    /** An answer just had, and the body it was read from (for the region: other processes evaluate it afresh). */
    private record Asked(Kept kept, String body) {
    }

    /**
     * One call to the introspection endpoint (the budget already spent), the answer evaluated and timed for keeping:
     * active until {@code exp}, at most {@code cache-time}; inactive for {@code inactive-cache-time}; a refusal by
     * this process's rules (issuer, audience, time, type) never. An answer longer than {@link #MAX_KEPT_BYTES} is used but never kept.
     */
    private Asked ask(String token, IntrospectionRules rules) throws BearerException {
        calls.increment();
        byte[] body;
        IntrospectionRules.Answer answer;
        var now = clock.instant();
        var shortly = now.plus(settings.inactiveCacheTime());
        try {
            body = client.introspect(token);
            try {
                answer = rules.evaluate(JsonReader.readObject(body, SharedAnswers.MAX_MEMBERS));
            } catch (JsonException e) {
                throw new IntrospectionClient.Failure("the introspection answer is not a JSON object", true);
            } catch (BearerException refused) {
                outage.recovered(this::works);
                throw refused; // never kept: the issue of the answer, not of the server, and told as it is
            }
            if (answer instanceof IntrospectionRules.Unusable unusable) {
                throw new IntrospectionClient.Failure("the introspection answer is unusable: " + unusable.why(), true);
            }
        } catch (IntrospectionClient.Failure failure) {
            if (failure.outage()) {
                outage.failed(() -> "bearer-guard: introspection at " + issuer.issuer() + " fails ("
                        + failure.getMessage() + "); requests with tokens not introspected yet get 503 until it"
                        + " works again");
            }
            throw unavailable();
        }
        outage.recovered(this::works);
        if (!keepable(body)) {
            return new Asked(new Kept(answer, now), null);
        }
        if (answer instanceof IntrospectionRules.Active active) {
            var until = now.plus(settings.cacheTime());
            return new Asked(new Kept(answer, until.isAfter(active.token().expiresAt())
                    ? active.token().expiresAt() : until), new String(body, StandardCharsets.UTF_8));
        }
        return new Asked(new Kept(answer, shortly), null);
    }

    /** Whether an answer this long may be kept: the kept claims cost memory in every process, and space in the region. */
    private static boolean keepable(byte[] body) {
        return body.length <= MAX_KEPT_BYTES;
    }

    private String works() {
        return "bearer-guard: introspection at " + issuer.issuer() + " works again";
    }

    private String rateLimitKey() {
        return issuer.name().equals("default") ? "bearer.introspection.rate-limit"
                : "bearer.issuers." + issuer.name() + ".introspection.rate-limit";
    }

    private BearerException unavailable() {
        return BearerException.keysUnavailable(issuer.keys().retryInterval());
    }

}
