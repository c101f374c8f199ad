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
 * <p>Threads: any. Waiting for another process's answer sleeps on the request's own thread, polling every 20 ms
 * (two region reads a poll, each given at most a second), while the holder's lease stands and for at most the
 * caller's patience (one introspection call's deadline), never holding a lock.
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

    /** @param leaseTime how long a lease stands: the longest one introspection call, and a margin */
    SharedAnswers(SealedEntries region, IssuerConfig issuer, String holder, Duration leaseTime, Clock clock) {
        this.region = region;
        this.settings = issuer.introspection().orElseThrow();
        this.namespace = issuer.regionKey() + " " + settings.clientId();
        this.holder = holder;
        this.leaseTime = leaseTime;
        this.clock = clock;
    }

    /** How long the region must keep entries: the longest answer or lease, and the margin. */
    static Duration lifetime(IssuerConfig issuer, Duration leaseTime) {
        var settings = issuer.introspection().orElseThrow();
        var longest = settings.cacheTime();
        for (var other : new Duration[] {settings.inactiveCacheTime(), leaseTime}) {
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

    /**
     * Claims the right to ask about this token for the cluster.
     *
     * @return the lease as written, for {@link #release}; null when another process holds it
     */
    String lease(String digest) {
        var lease = holder + " " + clock.instant().plus(leaseTime).toEpochMilli();
        return region.claim(leaseName(namespace + " " + digest), lease) ? lease : null;
    }

    /**
     * The answer of the process holding the lease, polled for as long as that lease stands (sealed, not run out,
     * and not longer than {@code patience}), or null when none came: at once for a lease that is gone or not sealed
     * with the cluster's secret, within a poll when its holder gives up without an answer to keep.
     */
    Kept awaitHolder(String digest, IntrospectionRules rules, Duration patience)
            throws BearerException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        var name = leaseName(namespace + " " + digest);
        while (true) {
            var theirs = find(digest, rules);
            if (theirs != null) {
                return theirs;
            }
            var lease = region.get(name);
            if (lease.isEmpty() || !clock.instant().isBefore(leaseUntil(lease.get()))
                    || System.nanoTime() - deadline >= 0) {
                return find(digest, rules); // the holder may have kept its answer as it let go
            }
            Thread.sleep(POLL_MILLIS);
        }
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

    /** Lets go of this process's own lease, never of another's. */
    void release(String digest, String lease) {
        region.remove(leaseName(namespace + " " + digest), lease);
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
