package org.bearerguard.internal.verify;

import java.security.Key;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bearerguard.internal.keys.KeySnapshot;

/**
 * Tokens verified before, so that a client repeating its token (the common case) costs a map lookup instead of a
 * signature check. Keyed by the token itself: no digest per request, and a lookup can never collide. An entry holds
 * the caller's small identity, not the parsed claims.
 *
 * <p>Bounded per issuer. Only verified tokens enter; when an issuer's share is full, expired entries are purged and,
 * if it is still full, the new token is simply not cached: nobody can evict entries that are in use.
 */
final class TokenCache {

    /**
     * @param identity    the verified caller (never the parsed claims: they are re-read per request)
     * @param issuer      who verified it
     * @param key         the key that verified the signature
     * @param snapshot    the key set it came from (null for HMAC)
     * @param notBefore   {@code nbf} minus skew, or null
     * @param expiresAt   {@code exp} plus skew: the entry never outlives its token
     */
    record Entry(ClaimsMapper.Identity identity, IssuerVerifier issuer, Key key, KeySnapshot snapshot, Instant notBefore,
                 Instant expiresAt) {
    }

    private static final long PURGE_INTERVAL_MILLIS = 1000;

    private final int maxPerIssuer;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sizes = new ConcurrentHashMap<>();
    private volatile long lastPurge;

    TokenCache(int maxPerIssuer) {
        this.maxPerIssuer = maxPerIssuer;
    }

    Entry get(String token) {
        return entries.get(token);
    }

    void put(String token, Entry entry, Instant now) {
        if (maxPerIssuer <= 0) {
            return;
        }
        var size = sizes.computeIfAbsent(entry.issuer().name(), n -> new AtomicInteger());
        if (size.get() >= maxPerIssuer) {
            purgeExpired(now);
            if (size.get() >= maxPerIssuer) {
                return;
            }
        }
        if (entries.putIfAbsent(token, entry) == null) {
            size.incrementAndGet();
        }
    }

    void remove(String token, Entry entry) {
        if (entries.remove(token, entry)) {
            sizes.get(entry.issuer().name()).decrementAndGet();
        }
    }

    int size() {
        return entries.size();
    }

    private void purgeExpired(Instant now) {
        long millis = now.toEpochMilli();
        if (millis - lastPurge < PURGE_INTERVAL_MILLIS) {
            return;
        }
        lastPurge = millis;
        entries.forEach((token, entry) -> {
            if (!now.isBefore(entry.expiresAt())) {
                remove(token, entry);
            }
        });
    }
}
