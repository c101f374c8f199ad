package org.bearerguard.internal.verify;

import java.security.Key;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
     * @param kid         the token's {@code kid} (null when it has none)
     * @param alg         the token's {@code alg}
     * @param notBefore   {@code nbf} minus skew, or null
     * @param expiresAt   {@code exp} plus skew: the entry never outlives its token
     */
    record Entry(ClaimsMapper.Identity identity, IssuerVerifier issuer, Key key, String kid, String alg,
                 Instant notBefore, Instant expiresAt) {
    }

    private static final long PURGE_INTERVAL_MILLIS = 1000;

    private final int maxPerIssuer;
    private final Map<TokenKey, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sizes = new ConcurrentHashMap<>();
    private volatile long lastPurge;

    TokenCache(int maxPerIssuer) {
        this.maxPerIssuer = maxPerIssuer;
    }

    Entry get(String token) {
        return entries.get(new TokenKey(token));
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
        if (entries.putIfAbsent(new TokenKey(token), entry) == null) {
            size.incrementAndGet();
        }
    }

    void remove(String token, Entry entry) {
        remove(new TokenKey(token), entry);
    }

    private void remove(TokenKey key, Entry entry) {
        if (entries.remove(key, entry)) {
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
        entries.forEach((key, entry) -> {
            if (!now.isBefore(entry.expiresAt())) {
                remove(key, entry);
            }
        });
    }

    /**
     * The token as a map key, hashed over its last {@value #HASHED_CHARS} characters: the signature, which is random
     * to anyone without the key. JDK 17 hashes a whole 1-2 KB token in about a microsecond; this is a tenth of that.
     * Equality still compares the whole token, so a collision costs a comparison, never a wrong answer.
     */
    private record TokenKey(String token) {
        static final int HASHED_CHARS = 48;

        /** Never the token: a key that ends up in a log or a heap dump summary must not carry a credential. */
        @Override
        public String toString() {
            return "TokenKey[" + token.length() + " chars]";
        }

        @Override
        public int hashCode() {
            int h = 0;
            for (int i = Math.max(0, token.length() - HASHED_CHARS); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            return h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenKey k && token.equals(k.token);
        }
    }
}
