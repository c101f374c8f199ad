package org.bearerguard.internal.json;

import java.util.List;

/** Writes the few JSON documents bearer-guard serves (RFC 8259): strings escaped, nothing else needed. */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder(256).append('{');

    /** A member whose value is a string. */
    public JsonWriter member(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    /** A member whose value is an array of strings. */
    public JsonWriter member(String name, List<String> values) {
        name(name);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(values.get(i));
        }
        out.append(']');
        return this;
    }

    /** A member whose value is a boolean. */
    public JsonWriter member(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    /** The object, closed. */
    public String end() {
        return out.append('}').toString();
    }

    private void name(String name) {
        if (out.length() > 1) {
            out.append(',');
        }
        string(name);
        out.append(':');
    }

    /** RFC 8259 §7: quote, backslash and control characters escaped; everything else as it is. */
    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
