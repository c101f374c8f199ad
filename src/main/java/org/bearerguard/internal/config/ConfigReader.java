package org.bearerguard.internal.config;

import static org.bearerguard.internal.config.Property.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw property values into a validated {@link BearerConfig}. Every error names the property.
 *
 * <p>The lookup is a plain function so that tests need no MicroProfile Config implementation; at run time it is
 * {@code Config::getOptionalValue}.
 */
public final class ConfigReader {

    private static final Set<String> KNOWN_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
            "HS256", "HS384", "HS512");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** RFC 6750 §3: auth-param values are quoted strings; keep the realm to printable ASCII without quote/backslash. */
    private static final Pattern REALM_CHARS = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final int MIN_SECRET_BYTES = 32;

    private final Function<String, Optional<String>> lookup;

    public ConfigReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public BearerConfig read() {
        var realm = string(REALM);
        if (!REALM_CHARS.matcher(realm).matches()) {
            throw invalid(REALM, "printable ASCII without '\"' or '\\'");
        }
        var maxTokenLength = positiveInt(MAX_TOKEN_LENGTH);
        var cache = new BearerConfig.CacheSettings(string(CACHE_PROVIDER), optional(CACHE_URI).map(v -> uri(CACHE_URI, v)),
                string(CACHE_NAME));
        return new BearerConfig(realm, maxTokenLength, cache, List.of(issuer()));
    }

    private IssuerConfig issuer() {
        var issuer = optional(ISSUER).orElseThrow(() -> new BearerConfigException(
                ISSUER.key() + " is required: set it to the issuer URL of your authorization server"
                        + " (environment variable BEARER_ISSUER)"));
        httpUrl(ISSUER, issuer);
        var jwksUri = optional(JWKS_URI).map(v -> httpUrl(JWKS_URI, v));
        var secret = optional(SHARED_SECRET).map(v -> v.getBytes(StandardCharsets.UTF_8));
        if (secret.isPresent() && secret.get().length < MIN_SECRET_BYTES) {
            throw invalid(SHARED_SECRET, "at least " + MIN_SECRET_BYTES + " bytes");
        }
        var algorithms = algorithms(secret.isPresent());
        var clientId = optional(CLIENT_ID);
        var rolesClaims = optional(ROLES_CLAIM).map(ConfigReader::list).orElseGet(() -> {
            var defaults = new ArrayList<>(list(ROLES_CLAIM.defaultValue()));
            clientId.ifPresent(id -> defaults.add("resource_access." + id + ".roles"));
            return List.copyOf(defaults);
        });
        if (rolesClaims.stream().anyMatch(p -> p.startsWith(".") || p.endsWith(".") || p.contains(".."))) {
            throw invalid(ROLES_CLAIM, "dotted claim paths such as realm_access.roles");
        }
        var keys = new IssuerConfig.KeySettings(
                duration(MIN_REFRESH_INTERVAL), duration(RETRY_INTERVAL), duration(DEFAULT_TTL),
                duration(MIN_TTL), duration(MAX_TTL), positiveInt(MAX_RESPONSE_BYTES),
                positiveDuration(CONNECT_TIMEOUT), positiveDuration(READ_TIMEOUT));
        if (keys.minTtl().compareTo(keys.maxTtl()) > 0) {
            throw invalid(MIN_TTL, "a duration no longer than " + MAX_TTL.key());
        }
        return new IssuerConfig(issuer, jwksUri, Set.copyOf(optional(AUDIENCE).map(ConfigReader::list).orElse(List.of())),
                algorithms, secret, duration(CLOCK_SKEW), string(PRINCIPAL_CLAIM), rolesClaims, keys);
    }

    private Set<String> algorithms(boolean haveSecret) {
        var algorithms = new LinkedHashSet<String>();
        for (var alg : list(string(ALGORITHMS))) {
            if (!KNOWN_ALGORITHMS.contains(alg)) {
                throw invalid(ALGORITHMS, "a list of " + String.join(", ", new java.util.TreeSet<>(KNOWN_ALGORITHMS))
                        + " (got '" + alg + "')");
            }
            if (alg.startsWith("HS") && !haveSecret) {
                throw new BearerConfigException(ALGORITHMS.key() + " names " + alg + ", which needs "
                        + SHARED_SECRET.key() + ": HMAC is never accepted without an explicit shared secret");
            }
            algorithms.add(alg);
        }
        if (algorithms.isEmpty()) {
            throw invalid(ALGORITHMS, "at least one algorithm");
        }
        return Set.copyOf(algorithms);
    }

    private Optional<String> optional(Property p) {
        return lookup.apply(p.key()).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String string(Property p) {
        return optional(p).orElse(p.defaultValue());
    }

    private int positiveInt(Property p) {
        try {
            int value = Integer.parseInt(string(p));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(p, "a positive whole number");
    }

    private Duration positiveDuration(Property p) {
        var d = duration(p);
        if (d.isZero()) {
            throw invalid(p, "a duration above zero");
        }
        return d;
    }

    private Duration duration(Property p) {
        var d = parseDuration(string(p));
        if (d == null || d.isNegative()) {
            throw invalid(p, "a duration such as 30s, 5m, 500ms or PT30S");
        }
        return d;
    }

    static Duration parseDuration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static URI uri(Property p, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(p, "a URI");
        }
    }

    /** An absolute URL keys may come from ({@link FetchableUrls}), without query or fragment. */
    private static URI httpUrl(Property p, String value) {
        var uri = uri(p, value);
        if (!FetchableUrls.allows(uri) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(p, "an https URL without query or fragment; plain http is allowed only for loopback hosts"
                    + " (got " + value + ")");
        }
        return uri;
    }

    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static BearerConfigException invalid(Property p, String expected) {
        return new BearerConfigException(p.key() + " must be " + expected);
    }
}
