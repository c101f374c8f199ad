package org.bearerguard.internal.region;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.Caching;
import org.bearerguard.internal.config.BearerConfig.CacheSettings;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The region as someone other than bearer-guard sees it: the JCache itself, read and written directly, by a party
 * that knows every entry's format (the code is public) but not the secret.
 */
final class RawCache {

    private RawCache() {
    }

    /** The in-process Ehcache region the pipelines of this class loader share. */
    static Cache<String, String> ehcache(String name) {
        var loader = CacheManagers.applicationLoader();
        var provider = Caching.getCachingProvider(CacheSettings.EHCACHE_PROVIDER_CLASS, loader);
        return provider.getCacheManager(provider.getDefaultURI(), loader).getCache(name, String.class, String.class);
    }

    static Map<String, String> entries(Cache<String, String> cache) {
        var entries = new LinkedHashMap<String, String>();
        cache.forEach(e -> entries.put(e.getKey(), e.getValue()));
        return entries;
    }

    /** The key of the one key-set entry (its value holds a JWKS). */
    static String keySetKey(Cache<String, String> cache) {
        return entries(cache).entrySet().stream().filter(e -> e.getValue().contains("\"jwks\""))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /**
     * A key-set value rewritten the way an attacker would: whatever precedes the JSON kept as it is, the JWKS
     * replaced by theirs, and the entry made to look newer than the one it replaces.
     */
    static String withJwks(String value, String jwks) {
        int json = value.indexOf('{');
        Map<String, Object> map;
        try {
            map = new LinkedHashMap<>(JsonUtil.parseJson(value.substring(json)));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        map.put("jwks", jwks);
        map.put("fetchedAt", ((Number) map.get("fetchedAt")).longValue() + 1);
        Optional.ofNullable((Number) map.get("generation")).ifPresent(g -> map.put("generation", g.longValue() + 1));
        return value.substring(0, json) + JsonUtil.toJson(map);
    }
}
