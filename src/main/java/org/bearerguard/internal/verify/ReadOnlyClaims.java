package org.bearerguard.internal.verify;

import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;

/** The claims of a verified token as a read-only map: nested objects and arrays wrapped in place, not copied. */
public final class ReadOnlyClaims {

    private ReadOnlyClaims() {
    }

    /** Reads the payload of a token that was verified already. */
    public static Map<String, Object> of(String verifiedToken) {
        int first = verifiedToken.indexOf('.');
        int second = verifiedToken.indexOf('.', first + 1);
        var payload = Base64.getUrlDecoder().decode(verifiedToken.substring(first + 1, second));
        try {
            // the same strict reading as the first one (CompactJws): UTF-8 without replacement, the same caps
            return wrap(JsonReader.readObject(payload, CompactJws.MAX_PAYLOAD_MEMBERS));
        } catch (JsonException e) {
            throw new IllegalStateException("a verified token's payload no longer parses", e);
        }
    }

    /** Makes a freshly parsed map read-only in place; nobody else holds it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> wrap(Map<String, Object> claims) {
        claims.replaceAll((name, value) -> wrapValue(value));
        return Collections.unmodifiableMap(claims);
    }

    @SuppressWarnings("unchecked")
    private static Object wrapValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return wrap((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            ((List<Object>) list).replaceAll(ReadOnlyClaims::wrapValue);
            return Collections.unmodifiableList(list);
        }
        return value;
    }
}
