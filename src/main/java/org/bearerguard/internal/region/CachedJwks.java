package org.bearerguard.internal.region;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * One issuer's key set as it sits in the region. It carries no {@code ETag}: a tag belongs to the content the node
 * that fetched it received, and stays with that node (a conditional request about content from the region could
 * re-date whatever content sat beside the tag).
 *
 * @param jwks       the JWKS document exactly as fetched
 * @param generation its place in the order of key sets published to the region (1, 2, …; see
 *                   {@link IssuerRegion#publish}): a reader takes a key set only of a higher generation than its own
 * @param fetchedAt  when it was fetched
 * @param expiresAt  until when it is fresh
 */
public record CachedJwks(String jwks, long generation, Instant fetchedAt, Instant expiresAt) {

    public boolean isFresh(Instant now) {
        return now.isBefore(expiresAt);
    }

    String encode() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("jwks", jwks);
        map.put("generation", generation);
        map.put("fetchedAt", fetchedAt.toEpochMilli());
        map.put("expiresAt", expiresAt.toEpochMilli());
        return JsonUtil.toJson(map);
    }

    /** Empty when the payload is not a key set of this version (an {@code etag} of an older one is dropped). */
    static Optional<CachedJwks> decode(String payload) {
        try {
            var map = JsonUtil.parseJson(payload);
            if (map.get("jwks") instanceof String jwks && map.get("generation") instanceof Long generation
                    && map.get("fetchedAt") instanceof Long fetched && map.get("expiresAt") instanceof Long expires) {
                return Optional.of(new CachedJwks(jwks, generation, Instant.ofEpochMilli(fetched),
                        Instant.ofEpochMilli(expires)));
            }
        } catch (JoseException | RuntimeException e) {
            // fall through: not one of ours
        }
        return Optional.empty();
    }
}
