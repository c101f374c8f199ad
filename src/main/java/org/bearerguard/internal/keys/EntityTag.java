package org.bearerguard.internal.keys;

import java.util.Optional;

/**
 * An {@code ETag} as RFC 9110 §8.8.3 defines it: {@code [ "W/" ] DQUOTE *etagc DQUOTE}, {@code etagc} being any
 * visible character but the double quote, or obs-text. Only such a value is ever sent back in
 * {@code If-None-Match}: anything else from an issuer counts as no tag (the next request is unconditional).
 */
final class EntityTag {

    /** Far above any tag a server makes; keeps a hostile header out of every later request. */
    static final int MAX_LENGTH = 256;

    private EntityTag() {
    }

    static Optional<String> of(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int start = value.startsWith("W/") ? 2 : 0;
        if (value.length() - start < 2 || value.charAt(start) != '"' || value.charAt(value.length() - 1) != '"') {
            return Optional.empty();
        }
        for (int i = start + 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            boolean etagc = c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
            if (!etagc) {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }
}
