package org.bearerguard.internal.verify;

/**
 * Bounds a JSON text's shape before it is parsed: nesting depth and number of members, counted in one pass over the
 * characters, outside strings. Parsing, copying claims and mapping roles are all proportional to these, and some of
 * that work is recursive: an attacker's 16 KiB of brackets must never reach it.
 */
final class JsonShape {

    /** Deepest nesting of objects and arrays in a header or payload. */
    static final int MAX_DEPTH = 16;
    /** Most header parameters. */
    static final int MAX_HEADER_MEMBERS = 32;
    /** Most members (at any depth) in a payload. */
    static final int MAX_PAYLOAD_MEMBERS = 1024;

    private JsonShape() {
    }

    /** Whether the text nests no deeper than {@link #MAX_DEPTH} and has at most {@code maxMembers} members. */
    static boolean within(String json, int maxMembers) {
        int depth = 0;
        int members = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > MAX_DEPTH) {
                        return false;
                    }
                }
                case '}', ']' -> depth--;
                case ':' -> {
                    if (++members > maxMembers) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }
}
