package org.bearerguard.internal.cache;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * One issuer's key set as it sits in the region.
 *
 * @param jwks      the JWKS document exactly as fetched
 * @param etag      the issuer's {@code ETag}, or {@code null}
 * @param fetchedAt when it was fetched
 * @param expiresAt until when it is fresh
 */
public record CachedJwks(String jwks, String etag, Instant fetchedAt, Instant expiresAt) {

    public boolean isFresh(Instant now) {
        return now.isBefore(expiresAt);
    }

    String encode() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("jwks", jwks);
        map.put("fetchedAt", fetchedAt.toEpochMilli());
        map.put("expiresAt", expiresAt.toEpochMilli());
        if (etag != null) {
            map.put("etag", etag);
        }
        return JsonUtil.toJson(map);
    }

    /** Empty when the stored value is not one of ours (another version, or damaged). */
    static Optional<CachedJwks> decode(String value) {
        try {
            var map = JsonUtil.parseJson(value);
            if (map.get("jwks") instanceof String jwks && map.get("fetchedAt") instanceof Number fetched
                    && map.get("expiresAt") instanceof Number expires) {
                var etag = map.get("etag") instanceof String s ? s : null;
                return Optional.of(new CachedJwks(jwks, etag, Instant.ofEpochMilli(fetched.longValue()),
                        Instant.ofEpochMilli(expires.longValue())));
            }
        } catch (JoseException | RuntimeException e) {
            // fall through: treated as absent
        }
        return Optional.empty();
    }
}
