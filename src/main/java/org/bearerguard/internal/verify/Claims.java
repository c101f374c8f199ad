package org.bearerguard.internal.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;

/** Typed access to a payload's registered claims (RFC 7519 §4.1): a claim of the wrong type is malformed. */
final class Claims {

    private final Map<String, Object> map;

    Claims(Map<String, Object> map) {
        this.map = map;
    }

    Map<String, Object> map() {
        return map;
    }

    Object get(String name) {
        return map.get(name);
    }

    /** A string claim, or null when absent. */
    String string(String name) throws BearerException {
        var value = map.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw malformed();
    }

    /** A NumericDate in years 1 to 9999 ({@link NumericDate}), or null when absent. */
    Instant numericDate(String name) throws BearerException {
        var value = map.get(name);
        if (value == null) {
            return null;
        }
        var date = NumericDate.of(value);
        if (date == null) {
            throw malformed();
        }
        return date;
    }

    /** {@code aud}: a string or an array of strings; empty when absent. */
    List<String> audience() throws BearerException {
        var value = map.get("aud");
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list && allStrings(list)) {
            @SuppressWarnings("unchecked")
            var strings = (List<String>) list;
            return strings;
        }
        throw malformed();
    }

    /** Whether every element is a string (a loop: this runs for every token, a stream costs more than the work). */
    static boolean allStrings(List<?> list) {
        for (var v : list) {
            if (!(v instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static BearerException malformed() {
        return BearerException.refused(Reason.MALFORMED_CLAIMS);
    }
}
