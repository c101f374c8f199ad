package org.bearerguard.internal.config;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * MicroProfile JWT's configuration, understood where no {@code bearer.*} value is set, so that an application
 * written for MP JWT switches without rewriting its configuration. Each {@code mp.jwt.*} property stands for one
 * {@code bearer.*} property of the default issuer; both set to different values fail the deployment naming both. What
 * bearer-guard cannot do as MP JWT does (an inline or file key, decryption, a token age) fails the deployment too,
 * rather than being ignored.
 *
 * <p>MP JWT's own defaults come along: with the issuer from {@code mp.jwt.verify.issuer}, only RS256 is accepted
 * unless {@code mp.jwt.verify.publickey.algorithm} (or {@code bearer.algorithms}) says otherwise. Its one default
 * that would accept more than bearer-guard does is not taken: without {@code mp.jwt.verify.audiences} the audience
 * is still required ({@code bearer.audience}, or {@code bearer.audience-check=off}). Each {@code mp.jwt.*} value
 * taken is logged at start (its name, not its value). Like the {@code bearer.*} values they stand for, they are the
 * top level, which named issuers ({@code bearer.issuers.<name>.*}) inherit where they set nothing themselves.
 */
final class MpJwtProperties {

    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final String LOCATION = "mp.jwt.verify.publickey.location";
    static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    static final String TOKEN_HEADER = "mp.jwt.token.header";
    static final String TOKEN_COOKIE = "mp.jwt.token.cookie";
    /** MP JWT properties bearer-guard cannot honour, and why. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "mp.jwt.verify.publickey", "an inline key: publish the keys as a JWKS and set " + LOCATION
                    + " (or bearer.jwks-uri) to its URL",
            "mp.jwt.decrypt.key.location", "encrypted tokens (JWE) are not decrypted",
            "mp.jwt.decrypt.key.algorithm", "encrypted tokens (JWE) are not decrypted",
            "mp.jwt.verify.token.age", "a maximum token age is not supported (tokens are accepted until exp)");
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");
    private static final System.Logger LOG = System.getLogger(MpJwtProperties.class.getName());
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");
    private static final Pattern ALGORITHMS = Pattern.compile("(RS|ES|PS)(256|384|512)");

    private MpJwtProperties() {
    }

    /**
     * The lookup with the {@code mp.jwt.*} properties standing in for unset {@code bearer.*} ones.
     *
     * @throws BearerConfigException on a conflict or an MP JWT property bearer-guard cannot honour
     */
    static Function<String, Optional<String>> bridge(Function<String, Optional<String>> lookup) {
        var mp = new java.util.HashMap<String, String>();
        for (var unsupported : UNSUPPORTED.entrySet()) {
            if (set(lookup, unsupported.getKey()).isPresent()) {
                throw new BearerConfigException(unsupported.getKey() + " is set, which bearer-guard cannot honour: "
                        + unsupported.getValue());
            }
        }
        set(lookup, ISSUER).ifPresent(v -> mp.put(Property.ISSUER.key(), v));
        set(lookup, AUDIENCES).ifPresent(v -> mp.put(Property.AUDIENCE.key(), v));
        set(lookup, LOCATION).ifPresent(v -> mp.put(Property.JWKS_URI.key(), location(v)));
        set(lookup, ALGORITHM).ifPresent(v -> mp.put(Property.ALGORITHMS.key(), algorithm(v)));
        if (!mp.containsKey(Property.ALGORITHMS.key()) && mp.containsKey(Property.ISSUER.key())
                && set(lookup, Property.ISSUER.key()).isEmpty() && set(lookup, Property.ALGORITHMS.key()).isEmpty()) {
            mp.put(Property.ALGORITHMS.key(), "RS256"); // MP JWT's default
        }
        set(lookup, CLOCK_SKEW).ifPresent(v -> mp.put(Property.CLOCK_SKEW.key(), seconds(v)));
        cookie(lookup).ifPresent(v -> mp.put(Property.TOKEN_COOKIE.key(), v));
        if (mp.isEmpty()) {
            return lookup;
        }
        for (var e : mp.entrySet()) {
            var own = set(lookup, e.getKey());
            if (own.isPresent() && !same(e.getKey(), own.get(), e.getValue())) {
                throw new BearerConfigException(e.getKey() + "=" + shown(own.get()) + " and " + source(e.getKey())
                        + "=" + shown(set(lookup, source(e.getKey())).orElse(e.getValue()))
                        + " disagree: set one of them");
            }
            if (own.isEmpty()) {
                LOG.log(Level.INFO, "bearer-guard: " + source(e.getKey()) + " stands for " + e.getKey()
                        + " (MicroProfile JWT configuration)");
            }
        }
        var bridged = Map.copyOf(mp);
        return key -> {
            var own = lookup.apply(key);
            return own.isPresent() && !own.get().isBlank() ? own : Optional.ofNullable(bridged.get(key));
        };
    }

    /** A value as a message may show it: a URL's user info (a password, perhaps) replaced. */
    private static String shown(String value) {
        return USER_INFO.matcher(value).replaceFirst("$1***@");
    }

    private static Optional<String> set(Function<String, Optional<String>> lookup, String key) {
        return lookup.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** MP JWT allows a file, a class-path resource or a URL; bearer-guard fetches (and refreshes) a JWKS URL. */
    private static String location(String value) {
        var lower = value.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            throw new BearerConfigException(LOCATION + " must be the URL of a JWKS for bearer-guard (got a file or"
                    + " class-path location): keys are fetched and refreshed from the issuer, never read from a file");
        }
        return value;
    }

    private static String algorithm(String value) {
        if (!ALGORITHMS.matcher(value).matches()) {
            throw new BearerConfigException(ALGORITHM + " must be one of RS256, ES256 (or another RS/ES/PS algorithm);"
                    + " got '" + value + "'");
        }
        return value;
    }

    private static String seconds(String value) {
        if (!SECONDS.matcher(value).matches()) {
            throw new BearerConfigException(CLOCK_SKEW + " must be a whole number of seconds; got '" + value + "'");
        }
        return value + "s";
    }

    /** {@code mp.jwt.token.header=Cookie}: the token comes in the cookie {@code mp.jwt.token.cookie} (MP JWT: Bearer). */
    private static Optional<String> cookie(Function<String, Optional<String>> lookup) {
        var header = set(lookup, TOKEN_HEADER);
        if (header.isEmpty() || header.get().equalsIgnoreCase("Authorization")) {
            if (set(lookup, TOKEN_COOKIE).isPresent()) {
                throw new BearerConfigException(TOKEN_COOKIE + " is set but " + TOKEN_HEADER
                        + " is not Cookie: set " + TOKEN_HEADER + "=Cookie, or remove " + TOKEN_COOKIE);
            }
            return Optional.empty();
        }
        if (!header.get().equalsIgnoreCase("Cookie")) {
            throw new BearerConfigException(TOKEN_HEADER + " must be Authorization or Cookie; got '" + header.get()
                    + "'");
        }
        return Optional.of(set(lookup, TOKEN_COOKIE).orElse("Bearer"));
    }

    private static String source(String bearerKey) {
        if (bearerKey.equals(Property.ISSUER.key())) {
            return ISSUER;
        } else if (bearerKey.equals(Property.AUDIENCE.key())) {
            return AUDIENCES;
        } else if (bearerKey.equals(Property.JWKS_URI.key())) {
            return LOCATION;
        } else if (bearerKey.equals(Property.ALGORITHMS.key())) {
            return ALGORITHM;
        } else if (bearerKey.equals(Property.CLOCK_SKEW.key())) {
            return CLOCK_SKEW;
        }
        return TOKEN_COOKIE;
    }

    /** The same value in either spelling: lists as sets, a skew in seconds or with a unit. */
    private static boolean same(String bearerKey, String own, String bridged) {
        if (bearerKey.equals(Property.AUDIENCE.key()) || bearerKey.equals(Property.ALGORITHMS.key())) {
            return entries(own).equals(entries(bridged));
        }
        if (bearerKey.equals(Property.CLOCK_SKEW.key())) {
            return same(own, bridged);
        }
        return own.equals(bridged);
    }

    private static boolean same(String ownDuration, String bridgedDuration) {
        var own = PropertyValues.parseDuration(ownDuration);
        return own != null && own.equals(PropertyValues.parseDuration(bridgedDuration));
    }

    private static java.util.Set<String> entries(String list) {
        var set = new LinkedHashSet<String>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        return set;
    }
}
