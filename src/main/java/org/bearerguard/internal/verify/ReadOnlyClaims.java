package org.bearerguard.internal.verify;

import java.util.Map;
import org.bearerguard.internal.extract.Base64Url;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;

/** The claims of a verified token as a read-only map, nested objects and arrays too: {@link JsonReader} builds them so. */
public final class ReadOnlyClaims {

    private static final String NO_LONGER_PARSES = "a verified token's payload no longer parses";

    private ReadOnlyClaims() {
    }

    /** Reads the payload of a token that was verified already. */
    public static Map<String, Object> of(String verifiedToken) {
        int first = verifiedToken.indexOf('.');
        int second = verifiedToken.indexOf('.', first + 1);
        // the same strict reading as the first one (CompactJws): canonical base64url, UTF-8 without replacement, caps
        var payload = Base64Url.decode(verifiedToken, first + 1, second);
        try {
            if (payload != null) {
                return JsonReader.readObject(payload, CompactJws.MAX_PAYLOAD_MEMBERS); // read-only as parsed
            }
        } catch (JsonException e) {
            throw new IllegalStateException(NO_LONGER_PARSES, e);
        }
        throw new IllegalStateException(NO_LONGER_PARSES);
    }
}
