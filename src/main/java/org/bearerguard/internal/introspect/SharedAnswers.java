package org.bearerguard.internal.introspect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;
import org.bearerguard.internal.region.SealedEntries;
import org.bearerguard.internal.verify.IntrospectionRules;

/**
 * The answers every process of a cluster shares, in a sealed region beside the key sets, and the lease that lets one
 * process ask about a token while the others wait for its answer. Entries, named {@code <issuer's region key>
 * <client id> <token digest>} (another application introspecting with another client keeps its own):
 *
 * <ul>
 *   <li>the answer: {@code A <until ms> <the answer's JSON>} (evaluated afresh by each reader's own rules) or
 *       {@code I <until ms>};</li>
 *   <li>{@code lease <name>}: {@code <holder> <until ms>}, claimed with {@code putIfAbsent}, removed when done.</li>
 * </ul>
 *
 * Every value passes the seal of {@code bearer.cache.secret} or is ignored; an answer whose time is beyond what this
 * process would keep it for is ignored too; a lease that is not sealed makes nobody wait.
 *
 * <p>Threads: any. Waiting for another process's answer sleeps on the request's own thread, polling every 20 ms,
 * for at most one lease time (connect + 3 × read timeout + 1 s), never holding a lock.
 */
final class SharedAnswers {

    /** Members an answer may have: as many as a JWT payload. */
    static final int MAX_MEMBERS = 1024;
    /** How often a process waiting for another's answer looks in the region. */
    private static final long POLL_MILLIS = 20;
    /** A region entry claiming to live longer than this process would keep it is not one of ours. */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

    private final SealedEntries region;
    private final String namespace;
    private final String holder;
    private final IssuerConfig.Introspection settings;
    private final Duration leaseTime;
    private final Clock clock;

    SharedAnswers(SealedEntries region, IssuerConfig issuer, String holder, Clock clock) {
        this.region = region;
        this.settings = issuer.introspection().orElseThrow();
        this.namespace = issuer.regionKey() + " " + settings.clientId();
        this.holder = holder;
        this.leaseTime = issuer.keys().leaseTime();
        this.clock = clock;
    }

    /** How long the region must keep entries: the longest answer or lease, and the margin. */
    static Duration lifetime(IssuerConfig issuer) {
        var settings = issuer.introspection().orElseThrow();
        var longest = settings.cacheTime();
        for (var other : new Duration[] {settings.inactiveCacheTime(), issuer.keys().leaseTime()}) {
            if (other.compareTo(longest) > 0) {
                longest = other;
            }
        }
        return longest.plus(CLOCK_MARGIN);
    }

    /**
     * An answer another process kept, evaluated afresh by this process's rules, or null when there is none or it is
     * not one this process could have written.
     *
     * @throws BearerException when the kept answer is active but no longer acceptable (expired since, …)
     */
    Kept find(String digest, IntrospectionRules rules) throws BearerException {
        var payload = region.get(namespace + " " + digest);
        if (payload.isEmpty()) {
            return null;
        }
        var text = payload.get();
        int space = text.indexOf(' ', 2);
        Instant until;
        try {
            until = Instant.ofEpochMilli(Long.parseLong(space < 0 ? text.substring(2) : text.substring(2, space)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
        boolean active = text.startsWith("A ") && space > 0;
        var longest = active ? settings.cacheTime() : settings.inactiveCacheTime();
        var now = clock.instant();
        if (!now.isBefore(until) || until.isAfter(now.plus(longest).plus(CLOCK_MARGIN))) {
            return null;
        }
        if (!active) {
            return text.equals("I " + until.toEpochMilli()) ? new Kept(new IntrospectionRules.Inactive(), until) : null;
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
        return new Kept(answer, until.isAfter(a.token().expiresAt()) ? a.token().expiresAt() : until);
    }

    /** Claims the right to ask about this token for the cluster; false when another process holds it. */
    boolean lease(String digest) {
        var until = clock.instant().plus(leaseTime);
        return region.claim(leaseName(namespace + " " + digest), holder + " " + until.toEpochMilli());
    }

    /**
     * The answer of the process holding the lease, polled for until its lease runs out (at most one lease time from
     * now), or null when none came: at once for a lease that is gone or not sealed with the cluster's secret.
     */
    Kept awaitHolder(String digest, IntrospectionRules rules) throws BearerException, InterruptedException {
        var deadline = clock.instant().plus(leaseTime);
        var theirUntil = region.get(leaseName(namespace + " " + digest)).map(SharedAnswers::leaseUntil)
                .orElse(Instant.MIN);
        if (theirUntil.isBefore(deadline)) {
            deadline = theirUntil;
        }
        var theirs = find(digest, rules); // the holder may have finished between our claim and now
        while (theirs == null && clock.instant().isBefore(deadline)) {
            Thread.sleep(POLL_MILLIS);
            theirs = find(digest, rules);
        }
        return theirs;
    }

    /** Keeps an answer this process just had for the others, until its time. */
    void keep(String digest, Kept kept, String body) {
        var name = namespace + " " + digest;
        if (kept.answer() instanceof IntrospectionRules.Active) {
            region.put(name, "A " + kept.until().toEpochMilli() + " " + body);
        } else if (clock.instant().isBefore(kept.until())) {
            region.put(name, "I " + kept.until().toEpochMilli());
        }
    }

    void release(String digest) {
        region.remove(leaseName(namespace + " " + digest));
    }

    private static String leaseName(String name) {
        return "lease " + name;
    }

    private static Instant leaseUntil(String payload) {
        int space = payload.lastIndexOf(' ');
        try {
            return Instant.ofEpochMilli(Long.parseLong(payload.substring(space + 1)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Instant.MIN;
        }
    }
}
