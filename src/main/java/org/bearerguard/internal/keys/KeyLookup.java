package org.bearerguard.internal.keys;

import java.security.Key;
import java.time.Duration;
import java.util.List;

/**
 * What a key source answers for a token's {@code kid} and {@code alg}: data, not an HTTP outcome. The verification
 * layer decides what each answer means for the request.
 */
public sealed interface KeyLookup {

    /**
     * Keys that may have signed the token, with the key set they were read from: the two come from one read, so the
     * key set is the one that published them.
     */
    record Found(List<Key> candidates, KeySnapshot from) implements KeyLookup {
        public Found {
            candidates = List.copyOf(candidates);
        }
    }

    /** No key of the issuer has this {@code kid} (or none fits, for a token without {@code kid}). */
    record UnknownKid() implements KeyLookup {
    }

    /** The {@code kid} names a key that is not one for this algorithm (RFC 8725 §3.1). */
    record OtherKeyType() implements KeyLookup {
    }

    /** No usable key set can be had now; worth asking again after {@code retryAfter}. */
    record Unavailable(Duration retryAfter) implements KeyLookup {
    }
}
