package org.bearerguard.internal.config;

import static org.bearerguard.internal.config.Property.ISSUERS_PREFIX;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The raw values of one issuer (or of the top level), typed and checked against each property's
 * {@link Property#range()}: a value out of range, unparseable or beyond what a {@code long} or {@code Duration} holds
 * is a {@link BearerConfigException} naming the issuer's own key, never a raw parsing exception.
 */
final class PropertyValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** At most 18 digits: always a {@code long}; longer is beyond every bound anyway. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,18}");

    private final Function<String, Optional<String>> lookup;
    private final String name;

    /** {@code name} null: the top-level {@code bearer.} properties, the issuer named {@code default}. */
    PropertyValues(Function<String, Optional<String>> lookup, String name) {
        this.lookup = lookup;
        this.name = name;
    }

    boolean isTopLevel() {
        return name == null;
    }

    String issuerName() {
        return name == null ? ConfigReader.DEFAULT_ISSUER_NAME : name;
    }

    /** The key this issuer sets the property under: {@code bearer.issuers.<name>.<suffix>} for a named one. */
    String key(Property p) {
        return name == null || !p.perIssuer() ? p.key() : ISSUERS_PREFIX + name + "." + p.suffix();
    }

    /** The value set for this issuer itself, or else the top-level one where {@link Property#inherited()}. */
    Optional<String> optional(Property p) {
        var own = own(p);
        return own.isPresent() || name == null || !p.inherited() ? own : raw(p.key());
    }

    /** The value set under this issuer's own key, never inherited. */
    Optional<String> own(Property p) {
        return raw(key(p));
    }

    private Optional<String> raw(String key) {
        return lookup.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    String string(Property p) {
        return optional(p).orElse(p.defaultValue());
    }

    /** A whole number within the property's range. */
    int number(Property p) {
        var range = p.range().orElseThrow();
        var text = string(p);
        if (WHOLE_NUMBER.matcher(text).matches()) {
            var value = Long.parseLong(text);
            if (value >= Long.parseLong(range.min()) && value <= Long.parseLong(range.max())) {
                return Math.toIntExact(value);
            }
        }
        throw invalid(p, "a whole number from " + range.min() + " to " + range.max());
    }

    /** A duration within the property's range. */
    Duration duration(Property p) {
        var range = p.range().orElseThrow();
        var d = parseDuration(string(p));
        if (d == null || d.compareTo(parseDuration(range.min())) < 0 || d.compareTo(parseDuration(range.max())) > 0) {
            throw invalid(p, "a duration from " + range.min() + " to " + range.max()
                    + ", such as 30s, 5m, 500ms or PT30S");
        }
        return d;
    }

    boolean bool(Property p) {
        var value = string(p).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(p, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    BearerConfigException invalid(Property p, String expected) {
        return new BearerConfigException(key(p) + " must be " + expected);
    }

    /** The duration, or null when the text is none or beyond what a {@code Duration} holds. */
    static Duration parseDuration(String text) {
        var m = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
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
            return Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
