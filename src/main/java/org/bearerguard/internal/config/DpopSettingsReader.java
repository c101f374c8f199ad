package org.bearerguard.internal.config;

import static org.bearerguard.internal.config.Property.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The DPoP proof settings ({@code bearer.dpop.*}), the same for every issuer, and the rules between them and the
 * cache settings: nonces shared by the nodes of a shared cache need a shared secret, the replay region is never the
 * key-set region. Every error names the property it is about.
 */
final class DpopSettingsReader {

    /** RFC 9449 §4.3 item 5: asymmetric only. */
    private static final Set<String> DPOP_PROOF_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    private DpopSettingsReader() {
    }

    /** DPoP proof settings ({@code bearer.dpop.*}), the same for every issuer. */
    static BearerConfig.DpopSettings read(PropertyValues v, BearerConfig.CacheSettings cache, org.bearerguard.internal.crypto.Signatures signatures) {
        var algorithms = new LinkedHashSet<String>();
        for (var alg : ConfigReader.list(v.string(DPOP_ALGORITHMS))) {
            if (!DPOP_PROOF_ALGORITHMS.contains(alg)) {
                throw v.invalid(DPOP_ALGORITHMS, "a list of " + String.join(", ", new TreeSet<>(DPOP_PROOF_ALGORITHMS))
                        + " (got '" + alg + "')");
            }
            algorithms.add(alg);
        }
        if (algorithms.isEmpty()) {
            throw v.invalid(DPOP_ALGORITHMS, "at least one algorithm");
        }
        var secret = v.optional(DPOP_NONCE_SECRET).map(s -> s.getBytes(StandardCharsets.UTF_8));
        if (secret.isPresent() && secret.get().length < ConfigReader.MIN_SECRET_BYTES) {
            throw v.invalid(DPOP_NONCE_SECRET, "at least " + ConfigReader.MIN_SECRET_BYTES + " bytes");
        }
        boolean nonce = v.bool(DPOP_NONCE);
        if (secret.isEmpty()) {
            secret = cache.secret();
        }
        if (nonce && secret.isEmpty() && cache.shared()) {
            throw new BearerConfigException(DPOP_NONCE.key() + "=true with " + CACHE_PROVIDER.key() + "="
                    + cache.provider() + " needs " + DPOP_NONCE_SECRET.key() + " (or " + CACHE_SECRET.key()
                    + "), the same on every node, so that every node accepts the others' nonces");
        }
        if (v.string(DPOP_REPLAY_CACHE_NAME).equals(cache.regionName())) {
            throw new BearerConfigException(DPOP_REPLAY_CACHE_NAME.key() + " must differ from " + CACHE_NAME.key()
                    + ": used proofs and key sets live in regions of their own");
        }
        var base = v.optional(DPOP_EXTERNAL_BASE_URL).map(u -> externalBase(v.key(DPOP_EXTERNAL_BASE_URL), u));
        return new BearerConfig.DpopSettings(Set.copyOf(algorithms), v.duration(DPOP_PROOF_WINDOW),
                v.duration(DPOP_CLOCK_SKEW), nonce, v.duration(DPOP_NONCE_STEP), secret, base,
                v.string(DPOP_REPLAY_CACHE_NAME), v.number(DPOP_REPLAY_MAX_ENTRIES), v.number(DPOP_REPLAY_MAX_PER_KEY),
                signatures);
    }

    /** An absolute http(s) URL without user info, query or fragment; a trailing slash is dropped. */
    private static URI externalBase(String key, String value) {
        var uri = ConfigReader.uri(key, value);
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getRawAuthority() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BearerConfigException(key + " must be an absolute http or https URL without user info, query"
                    + " or fragment");
        }
        var text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
