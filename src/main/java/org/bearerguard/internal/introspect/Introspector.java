package org.bearerguard.internal.introspect;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *   <li>with a shared cache, the cluster's answers ({@link SealedEntries} beside the key sets, sealed with
 *       {@code bearer.cache.secret}) and a lease per token: one process asks, the others poll for its answer until
 *       the lease runs out, then ask themselves;</li>
 *   <li>the call ({@link IntrospectionClient}), within the process's {@link CallBudget}.</li>
 * </ol>
 *
 * An active answer is kept until the token's {@code exp}, at most {@code cache-time}; an inactive one for
 * {@code inactive-cache-time}; a refusal (issuer, audience, time, type) or an unusable answer never. An answer that
 * cannot be had is a 503 with {@code Retry-After}, never a 401, logged once per outage.
 */
public final class Introspector implements Introspection {

    private static final System.Logger LOG = System.getLogger(Introspector.class.getName());
    /** Members an answer may have: as many as a JWT payload. */
    private static final int MAX_MEMBERS = 1024;
    /** How often a process waiting for another's answer looks in the region. */
    private static final long POLL_MILLIS = 20;
    /** A region entry claiming to live longer than this process would keep it is not one of ours. */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

    private final IssuerConfig issuer;
    private final IssuerConfig.Introspection settings;
    private final IntrospectionClient client;
    private final LocalAnswers local;
    private final ConcurrentHashMap<String, CompletableFuture<Kept>> flights = new ConcurrentHashMap<>();
    /** Null: no other process shares answers. */
    private final SealedEntries shared;
    private final String namespace;
    private final String holder;
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
        this.shared = shared;
        // answers depend on who asks: another application introspecting with another client keeps its own
        this.namespace = issuer.regionKey() + " " + settings.clientId();
        this.holder = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
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
            var settings = issuer.introspection().orElseThrow();
            SealedEntries shared = null;
            if (region.shared()) {
                var lifetime = max(settings.cacheTime(), settings.inactiveCacheTime(), issuer.keys().leaseTime())
                        .plus(CLOCK_MARGIN);
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
        if (shared != null) {
            var name = namespace + " " + digest;
            var theirs = fromRegion(name, digest, rules);
            if (theirs != null) {
                return theirs;
            }
            var lease = "lease " + name;
            var leaseUntil = clock.instant().plus(issuer.keys().leaseTime());
            if (!shared.claim(lease, holder + " " + leaseUntil.toEpochMilli())) {
                theirs = awaitOtherProcess(name, digest, lease, rules);
                if (theirs != null) {
                    return theirs;
                }
            }
            try {
                var asked = ask(token, rules);
                var kept = asked.kept();
                if (kept.answer() instanceof IntrospectionRules.Active) {
                    shared.put(name, "A " + kept.until().toEpochMilli() + " " + asked.body());
                } else if (clock.instant().isBefore(kept.until())) {
                    shared.put(name, "I " + kept.until().toEpochMilli());
                }
                local.put(digest, kept, clock.instant());
                return kept;
            } finally {
                shared.remove(lease);
            }
        }
        var kept = ask(token, rules).kept();
        local.put(digest, kept, clock.instant());
        return kept;
    }

    /**
     * Another process holds the lease: its answer, polled for until the lease it wrote runs out (at most one lease
     * time from now), or null when none came.
     */
    private Kept awaitOtherProcess(String name, String digest, String lease, IntrospectionRules rules)
            throws BearerException {
        var deadline = clock.instant().plus(issuer.keys().leaseTime());
        var theirUntil = shared.get(lease).map(Introspector::leaseUntil).orElse(deadline);
        if (theirUntil.isBefore(deadline)) {
            deadline = theirUntil;
        }
        while (clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable();
            }
            var theirs = fromRegion(name, digest, rules);
            if (theirs != null) {
                return theirs;
            }
        }
        return null;
    }

    private static Instant leaseUntil(String payload) {
        int space = payload.lastIndexOf(' ');
        try {
            return Instant.ofEpochMilli(Long.parseLong(payload.substring(space + 1)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Instant.MIN;
        }
    }

    /**
     * An answer another process kept in the region, evaluated afresh by this process's rules, or null when there is
     * none or it is not one this process could have written (its time beyond this issuer's settings).
     */
    private Kept fromRegion(String name, String digest, IntrospectionRules rules) throws BearerException {
        var payload = shared.get(name);
        if (payload.isEmpty()) {
            return null;
        }
        var text = payload.get();
        int space = text.indexOf(' ', 2);
        var now = clock.instant();
        Instant until;
        try {
            until = Instant.ofEpochMilli(Long.parseLong(space < 0 ? text.substring(2) : text.substring(2, space)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
        boolean active = text.startsWith("A ") && space > 0;
        var longest = active ? settings.cacheTime() : settings.inactiveCacheTime();
        if (!now.isBefore(until) || until.isAfter(now.plus(longest).plus(CLOCK_MARGIN))) {
            return null;
        }
        if (!active) {
            return text.startsWith("I ") ? new Kept(new IntrospectionRules.Inactive(), until) : null;
        }
        IntrospectionRules.Answer answer;
        try {
            answer = rules.evaluate(JsonReader.readObject(text.substring(space + 1), MAX_MEMBERS));
        } catch (JsonException e) {
            return null;
        }
        if (!(answer instanceof IntrospectionRules.Active a)) {
            return null;
        }
        var kept = new Kept(answer, until.isAfter(a.token().expiresAt()) ? a.token().expiresAt() : until);
        local.put(digest, kept, now);
        return kept;
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
                answer = rules.evaluate(JsonReader.readObject(body, MAX_MEMBERS));
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

    private static Duration max(Duration a, Duration b, Duration c) {
        var ab = a.compareTo(b) >= 0 ? a : b;
        return ab.compareTo(c) >= 0 ? ab : c;
    }
}
