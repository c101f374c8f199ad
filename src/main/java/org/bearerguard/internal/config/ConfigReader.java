package org.bearerguard.internal.config;

import static org.bearerguard.internal.config.Property.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw property values into a validated {@link BearerConfig}. Every error names the property it is about.
 *
 * <p>Issuers: {@code bearer.issuer} is the issuer named {@code default}; any number more are named under
 * {@code bearer.issuers.<name>.issuer}. A named issuer's property falls back to the same property without the
 * {@code issuers.<name>.} part, then to the default; never for the audience opt-out or the HMAC secret
 * ({@link Property#inherited()}), and an inherited algorithm list loses its HS* entries.
 *
 * <p>Every duration and number is bounded ({@link Property#range()}, checked by {@link PropertyValues}); the rules
 * between properties (TTLs, backoff, secret length, audience) are here.
 *
 * <p>The lookup is a plain function so that tests need no MicroProfile Config implementation; at run time it is
 * {@code Config::getOptionalValue}, and the property names are {@code Config::getPropertyNames}.
 */
public final class ConfigReader {

    public static final String DEFAULT_ISSUER_NAME = "default";

    private static final Pattern NAMED_ISSUER =
            Pattern.compile(Pattern.quote(ISSUERS_PREFIX) + "([A-Za-z0-9_-]+)\\.issuer");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** RFC 6750 §3: auth-param values are quoted strings; keep the realm to printable ASCII without quote/backslash. */
    private static final Pattern REALM_CHARS = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    static final int MIN_SECRET_BYTES = 32;
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private static final System.Logger LOG = System.getLogger(ConfigReader.class.getName());

    private final Function<String, Optional<String>> lookup;
    private final Iterable<String> propertyNames;
    /** Logged once the whole configuration is valid, so that a failed deployment warns about nothing. */
    private final List<String> warnings = new ArrayList<>();

    /** @throws BearerConfigException where MicroProfile JWT properties conflict with bearer-guard's own */
    public ConfigReader(Function<String, Optional<String>> lookup, Iterable<String> propertyNames) {
        this.lookup = MpJwtProperties.bridge(lookup);
        this.propertyNames = propertyNames;
    }

    public BearerConfig read() {
        var global = new PropertyValues(lookup, null);
        var realm = global.string(REALM);
        if (!REALM_CHARS.matcher(realm).matches()) {
            throw global.invalid(REALM, "printable ASCII without '\"' or '\\'");
        }
        var hazelcast = new BearerConfig.HazelcastSettings(global.string(HAZELCAST_CLUSTER_NAME),
                global.optional(HAZELCAST_MEMBERS).map(ConfigReader::list).orElse(List.of()),
                global.optional(HAZELCAST_INTERFACE), global.number(HAZELCAST_PORT));
        var provider = global.string(CACHE_PROVIDER);
        var cacheSecret = global.optional(CACHE_SECRET).map(s -> s.getBytes(StandardCharsets.UTF_8));
        var cache = new BearerConfig.CacheSettings(provider,
                global.optional(CACHE_URI).map(v -> uri(global.key(CACHE_URI), v)), global.string(CACHE_NAME),
                hazelcast, cacheSecret, global.bool(CACHE_UNAUTHENTICATED));
        checkCacheAuthentication(cache);
        var resource = ResourceSettingsReader.resource(global);
        var config = new BearerConfig(realm, global.number(MAX_TOKEN_LENGTH), global.number(TOKEN_CACHE_SIZE), cache,
                issuers(resource), DpopSettingsReader.read(global, cache, SignatureSettingsReader.providers(global)), resource,
                ResourceSettingsReader.scopeImplications(global), ResourceSettingsReader.servlet(global),
                onOff(global, JAKARTA_SECURITY), tokenCookie(global),
                new BearerConfig.HealthSettings(global.duration(HEALTH_START_GRACE),
                        global.bool(HEALTH_READINESS_DOWN)));
        warnings.forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        return config;
    }

    /**
     * A shared cache is written by every node, and by anyone else who can reach it: its entries are authenticated
     * with {@code bearer.cache.secret}, unless the deployment explicitly opts out.
     */
    private void checkCacheAuthentication(BearerConfig.CacheSettings cache) {
        if (cache.secret().isPresent() && cache.secret().get().length < MIN_SECRET_BYTES) {
            // the value itself never goes into a message
            throw new BearerConfigException(CACHE_SECRET.key() + " must be at least " + MIN_SECRET_BYTES
                    + " bytes (UTF-8)");
        }
        if (cache.unauthenticated()) {
            if (cache.secret().isPresent()) {
                throw new BearerConfigException(CACHE_UNAUTHENTICATED.key() + "=true contradicts "
                        + CACHE_SECRET.key() + ": set one or the other");
            }
            warnings.add("bearer-guard: entries of the JCache region are not authenticated ("
                    + CACHE_UNAUTHENTICATED.key() + "=true): whoever can write to the cache of "
                    + CACHE_PROVIDER.key() + "=" + cache.provider() + " can install signing keys for every node");
        } else if (cache.shared() && cache.secret().isEmpty()) {
            throw new BearerConfigException(CACHE_SECRET.key() + " is required with " + CACHE_PROVIDER.key() + "="
                    + cache.provider() + ": whoever can write to a shared cache could otherwise install signing keys"
                    + " for every node. Set the same secret of at least " + MIN_SECRET_BYTES + " bytes on every node"
                    + " (environment variable BEARER_CACHE_SECRET), or " + CACHE_UNAUTHENTICATED.key()
                    + "=true to trust whoever can write to the cache");
        }
    }

    private List<IssuerConfig> issuers(Optional<BearerConfig.ResourceSettings> resource) {
        var issuers = new ArrayList<IssuerConfig>();
        if (new PropertyValues(lookup, null).optional(ISSUER).isPresent()) {
            issuers.add(issuer(new PropertyValues(lookup, null), resource));
        }
        for (var name : issuerNames()) {
            issuers.add(issuer(new PropertyValues(lookup, name), resource));
        }
        if (issuers.isEmpty()) {
            throw new BearerConfigException(ISSUER.key() + " is required: set it to the issuer URL of your"
                    + " authorization server (environment variable BEARER_ISSUER), or name issuers under "
                    + ISSUERS_PREFIX + "<name>.issuer");
        }
        IntrospectionSettingsReader.checkOneTakesOpaqueTokens(issuers);
        var seen = new HashSet<String>();
        for (var issuer : issuers) {
            if (!seen.add(issuer.issuer())) {
                throw new BearerConfigException("issuer " + issuer.issuer() + " is configured twice (" + ISSUERS_PREFIX
                        + issuer.name() + ".issuer)");
            }
        }
        return List.copyOf(issuers);
    }

    private Set<String> issuerNames() {
        var names = new TreeSet<String>();
        for (var property : propertyNames) {
            Matcher m = NAMED_ISSUER.matcher(property);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        new PropertyValues(lookup, null).optional(ISSUERS).map(ConfigReader::list).ifPresent(names::addAll);
        for (var name : names) {
            if (!NAME.matcher(name).matches() || name.equals(DEFAULT_ISSUER_NAME)) {
                throw new BearerConfigException(ISSUERS.key() + " must name issuers with letters, digits, '-' or '_'"
                        + " other than 'default' (got '" + name + "')");
            }
        }
        return names;
    }

    private IssuerConfig issuer(PropertyValues v, Optional<BearerConfig.ResourceSettings> resource) {
        var issuer = v.optional(ISSUER).orElseThrow(() -> new BearerConfigException(v.key(ISSUER) + " is required"));
        httpUrl(v.key(ISSUER), issuer);
        var jwksUri = v.optional(JWKS_URI).map(u -> httpUrl(v.key(JWKS_URI), u));
        var secret = v.optional(SHARED_SECRET).map(s -> s.getBytes(StandardCharsets.UTF_8));
        if (secret.isPresent() && secret.get().length < MIN_SECRET_BYTES) {
            throw v.invalid(SHARED_SECRET, "at least " + MIN_SECRET_BYTES + " bytes");
        }
        var clientId = v.optional(CLIENT_ID);
        var rolesClaims = v.optional(ROLES_CLAIM).map(ConfigReader::list).orElseGet(() -> {
            var defaults = new ArrayList<>(list(ROLES_CLAIM.defaultValue()));
            clientId.ifPresent(id -> defaults.add("resource_access." + id + ".roles"));
            return List.copyOf(defaults);
        });
        if (rolesClaims.stream().anyMatch(p -> p.startsWith(".") || p.endsWith(".") || p.contains(".."))) {
            throw v.invalid(ROLES_CLAIM, "dotted claim paths such as realm_access.roles");
        }
        var keys = new IssuerConfig.KeySettings(
                v.duration(MIN_REFRESH_INTERVAL), v.duration(RETRY_INTERVAL), v.duration(MAX_BACKOFF),
                v.duration(MAX_STALENESS), v.bool(FETCH_AT_STARTUP), v.duration(DEFAULT_TTL), v.duration(MIN_TTL),
                v.duration(MAX_TTL), v.number(MAX_RESPONSE_BYTES), v.duration(CONNECT_TIMEOUT),
                v.duration(READ_TIMEOUT));
        if (keys.maxBackoff().compareTo(keys.retryInterval()) < 0) {
            throw v.invalid(MAX_BACKOFF, "a duration no shorter than " + v.key(RETRY_INTERVAL));
        }
        if (keys.minTtl().compareTo(keys.maxTtl()) > 0) {
            throw v.invalid(MIN_TTL, "a duration no longer than " + v.key(MAX_TTL));
        }
        if (keys.defaultTtl().compareTo(keys.minTtl()) < 0 || keys.defaultTtl().compareTo(keys.maxTtl()) > 0) {
            throw v.invalid(DEFAULT_TTL, "a duration from " + v.key(MIN_TTL) + " to " + v.key(MAX_TTL));
        }
        var algorithms = SignatureSettingsReader.algorithms(v, secret.isPresent());
        secret.ifPresent(s -> SignatureSettingsReader.checkSecretLength(v, s.length, algorithms));
        var resourceIds = resource.map(ConfigReader::identifiers).orElse(List.of());
        var audiences = audiences(v, issuer, resourceIds);
        boolean audienceIsResource = audiences.isPresent() && v.optional(AUDIENCE).isEmpty();
        return new IssuerConfig(v.issuerName(), issuer, jwksUri, audiences, v.bool(REQUIRE_AT_JWT),
                algorithms, secret, v.duration(CLOCK_SKEW), v.string(PRINCIPAL_CLAIM), rolesClaims, keys,
                IssuerConfig.regionKeyOf(issuer, jwksUri), dpopMode(v), onOff(v, MTLS), audienceIsResource,
                IntrospectionSettingsReader.read(v),
                SignatureSettingsReader.providers(new PropertyValues(lookup, null)));
    }

    /** Every resource identifier: the application's, then one per resource path. */
    private static List<String> identifiers(BearerConfig.ResourceSettings resource) {
        var ids = new ArrayList<String>();
        ids.add(resource.identifier());
        resource.paths().forEach(p -> ids.add(resource.identifier() + p));
        return List.copyOf(ids);
    }

    private static org.bearerguard.DpopMode dpopMode(PropertyValues v) {
        return switch (v.string(DPOP).toLowerCase(Locale.ROOT)) {
            case "off" -> org.bearerguard.DpopMode.OFF;
            case "allowed" -> org.bearerguard.DpopMode.ALLOWED;
            case "required" -> org.bearerguard.DpopMode.REQUIRED;
            default -> throw v.invalid(DPOP, "off, allowed or required");
        };
    }

    /** RFC 6265 §4.1.1: a cookie name is an RFC 2616 token. */
    private static Optional<String> tokenCookie(PropertyValues v) {
        var name = v.optional(TOKEN_COOKIE);
        if (name.isPresent() && !COOKIE_NAME.matcher(name.get()).matches()) {
            throw v.invalid(TOKEN_COOKIE, "a cookie name (letters, digits and !#$%&'*+-.^_`|~)");
        }
        return name;
    }

    static boolean onOff(PropertyValues v, Property p) {
        return switch (v.string(p).toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw v.invalid(p, "on or off");
        };
    }

    /**
     * RFC 9068 §4: the audience is checked unless the issuer itself opts out; empty: opted out. Unset, with a
     * resource identifier: the resource identifiers (RFC 8707), each request then checked for its own.
     */
    private Optional<Set<String>> audiences(PropertyValues v, String issuer, List<String> resourceIds) {
        if (!onOff(v, AUDIENCE_CHECK)) {
            if (v.own(AUDIENCE).isPresent()) {
                throw new BearerConfigException(v.key(AUDIENCE_CHECK) + "=off contradicts " + v.key(AUDIENCE)
                        + ": set one or the other");
            }
            warnings.add("bearer-guard: issuer '" + v.issuerName() + "' (" + issuer + ") accepts tokens for any"
                    + " audience (" + v.key(AUDIENCE_CHECK) + "=off)");
            return Optional.empty();
        }
        var audiences = v.optional(AUDIENCE).map(ConfigReader::list).orElse(resourceIds);
        if (audiences.isEmpty()) {
            throw new BearerConfigException(v.key(AUDIENCE) + " is required (RFC 9068 §4): the name this API has in"
                    + " the issuer's access tokens" + (v.isTopLevel() ? " (environment variable BEARER_AUDIENCE)" : "")
                    + ", or " + RESOURCE.key() + " (the resource identifier becomes the audience), or "
                    + v.key(AUDIENCE_CHECK) + "=off to accept any audience");
        }
        return Optional.of(Set.copyOf(audiences));
    }

    static URI uri(String key, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new BearerConfigException(key + " must be a URI");
        }
    }

    /**
     * Whether the URL may carry user info: {@code java.net.URI} reads an authority it cannot parse as a server
     * (e.g. a host with {@code _}) as registry-based, without user info, whatever it holds.
     */
    static boolean mayHoldCredentials(URI uri) {
        return uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@");
    }

    /** An absolute URL keys may come from ({@link FetchableUrls}), without query or fragment. */
    static URI httpUrl(String key, String value) {
        var uri = uri(key, value);
        if (mayHoldCredentials(uri)) {
            // never echoed: the value holds a password
            throw new BearerConfigException(key + " must not carry credentials (user:password@)");
        }
        if (!FetchableUrls.allows(uri) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BearerConfigException(key + " must be an https URL without query or fragment; plain http is"
                    + " allowed only for loopback hosts (got " + value + ")");
        }
        return uri;
    }

    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
