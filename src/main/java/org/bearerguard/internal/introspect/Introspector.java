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

    private final IssuerConfig issuer;
    private final IssuerConfig.Introspection settings;
    private final IntrospectionClient client;
    private final LocalAnswers local;
    private final ConcurrentHashMap<String, CompletableFuture<Kept>> flights = new ConcurrentHashMap<>();
    /** Null: no other process shares answers. */
    private final SharedAnswers shared;
    private final CallBudget budget;
    private final OutageLog outage = new OutageLog(LOG);
    private final RateLimitedLog overBudget = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private final LongAdder calls = new LongAdder();
    private final Clock clock;

    Introspector(IssuerConfig issuer, int maxAnswers, SealedEntries shared, Clock clock) {
        this.issuer = issuer;
        this.settings = issuer.introspection().orElseThrow();
        this.client = new IntrospectionClient(issuer);
        this.local = new LocalAnswers(maxAnswers);
        this.shared = shared == null ? null : new SharedAnswers(shared, issuer,
                HexFormat.of().formatHex(new SecureRandom().generateSeed(8)), clock);
        this.budget = new CallBudget(settings.rateLimit(), clock.instant());
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
                var lifetime = SharedAnswers.lifetime(issuer);
                // named with its lifetime: JCache fixes a cache's expiry when it is created
                shared = region.sealedEntries(config.cache().regionName() + " introspection "
                        + lifetime.toSeconds() + "s", lifetime, "introspects on its own");
            }
            return new Introspector(issuer, config.tokenCacheSize(), shared, clock);
        });
    }

    /** How many introspection calls this process has made. */
    public long calls() {
        return calls.sum();
    }

    @Override
    public VerifiedPrincipal introspect(String token, IntrospectionRules rules) throws BearerException {
        var digest = TokenDigest.of(token);
        var kept = local.get(digest, clock.instant());
        if (kept == null) {
            kept = shareFlight(token, digest, rules);
        }
        if (kept.answer() instanceof IntrospectionRules.Active active) {
            return rules.accept(active.token(), token);
        }
        throw BearerException.refused(Reason.INACTIVE);
    }

    /** One look-up per digest at a time in this process: the first request runs it, the others wait for it. */
    private Kept shareFlight(String token, String digest, IntrospectionRules rules) throws BearerException {
        var flight = new CompletableFuture<Kept>();
        var running = flights.putIfAbsent(digest, flight);
        if (running == null) {
            try {
                var kept = lookUp(token, digest, rules);
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
        long wait = client.deadline().plus(issuer.keys().leaseTime()).toMillis();
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
            var kept = ask(token, rules).kept();
            local.put(digest, kept, clock.instant());
            return kept;
        }
        var theirs = shared.find(digest, rules);
        if (theirs == null && !shared.lease(digest)) {
            try {
                theirs = shared.awaitHolder(digest, rules);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable();
            }
        }
        if (theirs != null) {
            local.put(digest, theirs, clock.instant());
            return theirs;
        }
        try {
            var asked = ask(token, rules);
            shared.keep(digest, asked.kept(), asked.body());
            local.put(digest, asked.kept(), clock.instant());
            return asked.kept();
        } finally {
            shared.release(digest);
        }
    }

    /** An answer just had, and the body it was read from (for the region: other processes evaluate it afresh). */
    private record Asked(Kept kept, String body) {
    }

    /** One call to the introspection endpoint, within the budget; the answer evaluated and timed for keeping. */
    private Asked ask(String token, IntrospectionRules rules) throws BearerException {
        if (!budget.tryTake(clock.instant())) {
            overBudget.log(Level.WARNING, () -> "bearer-guard: more than " + settings.rateLimit()
                    + " introspections a second asked of " + issuer.issuer() + "; tokens not introspected yet get 503"
                    + " meanwhile (" + rateLimitKey() + ")");
            throw BearerException.keysUnavailable(Duration.ofSeconds(1));
        }
        calls.increment();
        byte[] body;
        IntrospectionRules.Answer answer;
        try {
            body = client.introspect(token);
            try {
                answer = rules.evaluate(JsonReader.readObject(body, SharedAnswers.MAX_MEMBERS));
            } catch (JsonException e) {
                throw new IntrospectionClient.Failure("the introspection answer is not a JSON object");
            }
            if (answer instanceof IntrospectionRules.Unusable unusable) {
                throw new IntrospectionClient.Failure("the introspection answer is unusable: " + unusable.why());
            }
        } catch (IntrospectionClient.Failure failure) {
            outage.failed(() -> "bearer-guard: introspection at " + issuer.issuer() + " fails (" + failure.getMessage()
                    + "); requests with tokens not introspected yet get 503 until it works again");
            throw unavailable();
        }
        outage.recovered(() -> "bearer-guard: introspection at " + issuer.issuer() + " works again");
        var now = clock.instant();
        if (answer instanceof IntrospectionRules.Active active) {
            var until = now.plus(settings.cacheTime());
            return new Asked(new Kept(answer, until.isAfter(active.token().expiresAt())
                    ? active.token().expiresAt() : until), new String(body, StandardCharsets.UTF_8));
        }
        return new Asked(new Kept(answer, now.plus(settings.inactiveCacheTime())), null);
    }

    private String rateLimitKey() {
        return issuer.name().equals("default") ? "bearer.introspection.rate-limit"
                : "bearer.issuers." + issuer.name() + ".introspection.rate-limit";
    }

    private BearerException unavailable() {
        return BearerException.keysUnavailable(issuer.keys().retryInterval());
    }

}
