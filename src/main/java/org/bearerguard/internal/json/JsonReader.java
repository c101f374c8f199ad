package org.bearerguard.internal.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON text (RFC 8259) into {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Long}
 * (or {@code BigInteger} beyond it), {@code Double}, {@code Boolean} and {@code null}. Strict: duplicate member names
 * (RFC 7515 §5.2 requires refusing them), unescaped control characters, leading zeros, trailing data, and nesting
 * deeper than {@link #MAX_DEPTH} are errors. One pass, no regular expressions, no intermediate token objects.
 */
public final class JsonReader {

    public static final int MAX_DEPTH = 16;

    private final String text;
    private final int maxMembers;
    private int pos;
    private int depth;
    private int members;

    private JsonReader(String text, int maxMembers) {
        this.text = text;
        this.maxMembers = maxMembers;
    }

    /** The JSON object this text holds. */
    public static Map<String, Object> readObject(String text) throws JsonException {
        return readObject(text, Integer.MAX_VALUE);
    }

    /**
     * The JSON object this text holds, with at most {@code maxMembers} members in all its objects together: the work
     * any token can cause stays bounded, whatever its shape.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text, int maxMembers) throws JsonException {
        var reader = new JsonReader(text, maxMembers);
        reader.skipSpace();
        if (reader.peek() != '{') {
            throw reader.error("a JSON object");
        }
        var value = reader.value();
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw reader.error("the end of the text");
        }
        return (Map<String, Object>) value;
    }

    private Object value() throws JsonException {
        skipSpace();
        char c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("a value");
        }
    }

    private Map<String, Object> object() throws JsonException {
        enter();
        pos++; // {
        var map = new LinkedHashMap<String, Object>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("a member name");
            }
            if (++members > maxMembers) {
                throw error("at most " + maxMembers + " members");
            }
            var name = string();
            skipSpace();
            expect(':');
            var value = value();
            if (map.containsKey(name)) {
                throw error("unique member names");
            }
            map.put(name, value);
            skipSpace();
            char c = next();
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> array() throws JsonException {
        enter();
        pos++; // [
        var list = new ArrayList<Object>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            char c = next();
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                throw error("',' or ']'");
            }
        }
    }

    private String string() throws JsonException {
        pos++; // opening quote
        int start = pos;
        // fast path: no escapes
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("no control characters in strings");
            }
            pos++;
        }
        var sb = new StringBuilder(text.length() - start).append(text, start, pos);
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("no control characters in strings");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicode());
                default -> throw error("a valid escape");
            }
        }
    }

    private char unicode() throws JsonException {
        if (pos + 4 > text.length()) {
            throw error("four hex digits");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) {
                throw error("four hex digits");
            }
            v = (v << 4) | d;
        }
        return (char) v;
    }

    private Object number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intStart = pos;
        digits();
        if (pos - intStart > 1 && text.charAt(intStart) == '0') {
            throw error("no leading zeros");
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
            integral = false;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits();
            integral = false;
        }
        var literal = text.substring(start, pos);
        if (!integral) {
            return Double.valueOf(literal);
        }
        try {
            return Long.valueOf(literal);
        } catch (NumberFormatException beyondLong) {
            return new BigInteger(literal);
        }
    }

    private void digits() throws JsonException {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("a digit");
        }
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw error("a value");
        }
        pos += word.length();
        return value;
    }

    private void enter() throws JsonException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting no deeper than " + MAX_DEPTH);
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws JsonException {
        if (pos >= text.length()) {
            throw error("more input");
        }
        return text.charAt(pos);
    }

    private char next() throws JsonException {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws JsonException {
        if (next() != c) {
            throw error("'" + c + "'");
        }
    }

    private JsonException error(String expected) {
        return new JsonException("expected " + expected + " at offset " + pos);
    }
}
