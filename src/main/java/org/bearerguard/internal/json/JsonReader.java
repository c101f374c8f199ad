package org.bearerguard.internal.json;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON text (RFC 8259) into read-only maps (in member order) and lists, {@code String}, {@code Long} (or
 * {@code BigInteger} beyond it), {@code Double}, {@code Boolean} and {@code null}; each container is made read-only
 * as it is built, so a parsed value can be handed out as it is, with no second pass. Strict: duplicate member names
 * (RFC 7515 §5.2 requires refusing them), unescaped control characters, unpaired surrogates, escapes with other than
 * ASCII hex digits, leading zeros, trailing data, and nesting deeper than {@link #MAX_DEPTH} are errors. One pass,
 * no regular expressions, no intermediate token objects.
 *
 * <p>The work is linear in the text's length with a small constant, whatever its shape: strings are read by
 * {@code StringLiterals} (those with escapes share one builder per text), and numbers by {@code NumberReader}:
 * integers by hand (a {@code BigInteger} only past a {@code long}, no exception per literal), a number literal at
 * most {@link #MAX_NUMBER_LENGTH} characters.
 */
public final class JsonReader {

    public static final int MAX_DEPTH = 16;
    /**
     * Longest number literal, sign, fraction and exponent included. RFC 8259 §9 lets a reader limit the range and
     * precision of numbers; 64 characters hold every {@code long} and {@code double} written in full, and keep the cost
     * of a {@code BigInteger} or a hard-to-round {@code double} small.
     */
    public static final int MAX_NUMBER_LENGTH = 64;

    /** The text's characters: read by index, with none of a String's per-character checks of its coder. */
    private final char[] text;
    private final int maxMembers;
    private final NumberReader numbers;
    private final StringLiterals strings;
    private int pos;
    private int depth;
    private int members;
    /** The elements of the arrays being read, innermost last: each array is copied out once, at its exact size. */
    private Object[] elements = NO_ELEMENTS;
    private int top;
    private static final Object[] NO_ELEMENTS = {};

    private JsonReader(char[] text, int maxMembers) {
        this.text = text;
        this.maxMembers = maxMembers;
        this.numbers = new NumberReader(text);
        this.strings = new StringLiterals(text);
    }

    /** The JSON object this text holds. */
    public static Map<String, Object> readObject(String text) throws JsonException {
        return readObject(text, Integer.MAX_VALUE);
    }

    /**
     * The JSON object these bytes hold: UTF-8 (RFC 8259 §8.1), decoded strictly (RFC 3629: no invalid, overlong or
     * surrogate sequences, nothing replaced), at most {@code maxMembers} members as in {@link #readObject(String, int)}.
     */
    public static Map<String, Object> readObject(byte[] utf8, int maxMembers) throws JsonException {
        var text = Utf8.decode(utf8);
        if (text == null) {
            throw new JsonException("expected UTF-8");
        }
        return readObject(text, maxMembers);
    }

    /**
     * The JSON object this text holds, with at most {@code maxMembers} members in all its objects together: the work
     * any token can cause stays bounded, whatever its shape.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text, int maxMembers) throws JsonException {
        var reader = new JsonReader(text.toCharArray(), maxMembers);
        reader.skipSpace();
        if (reader.peek() != '{') {
            throw reader.error("a JSON object");
        }
        var value = reader.value();
        reader.skipSpace();
        if (reader.pos != reader.text.length) {
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
                    var number = numbers.read(pos);
                    pos = numbers.end();
                    return number;
                }
                throw error("a value");
        }
    }

    private Map<String, Object> object() throws JsonException {
        enter();
        pos++; // {
        // a token's payload (depth 1) has some twenty members: room for them, no rehash on the way
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return Collections.emptyMap(); // shared: an empty object costs nothing
        }
        var map = new LinkedHashMap<String, Object>(depth == 1 ? 64 : 16);
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("a member name");
            }
            if (++members > maxMembers) {
                throw error("at most " + maxMembers + " members");
            }
            var name = memberName();
            skipSpace();
            expect(':');
            var value = value();
            int before = map.size();
            map.put(name, value);
            if (map.size() == before) {
                throw error("unique member names"); // put replaced a member of that name: one lookup, not two
            }
            skipSpace();
            char c = next();
            if (c == '}') {
                depth--;
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> array() throws JsonException {
        enter();
        pos++; // [
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return Collections.emptyList(); // shared: an empty array costs nothing
        }
        int first = top; // nested arrays push theirs above this one's, and take them off again
        while (true) {
            push(value());
            skipSpace();
            char c = next();
            if (c == ']') {
                depth--;
                var list = new ReadOnlyList(Arrays.copyOfRange(elements, first, top));
                top = first; // the slots are overwritten by the next array's elements; the reader is short-lived
                return list;
            }
            if (c != ',') {
                throw error("',' or ']'");
            }
        }
    }

    /**
     * A member name: one of {@link KnownNames}, the one instance shared by every text, when the text spells it
     * plainly (no allocation, its hash computed once), else read as any string.
     */
    private String memberName() throws JsonException {
        int start = pos + 1;
        var known = KnownNames.at(text, start);
        if (known != null) {
            pos = start + known.length() + 1; // past the closing quote that KnownNames found
            return known;
        }
        return string();
    }

    private String string() throws JsonException {
        var string = strings.read(pos);
        pos = strings.end();
        return string;
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!spells(word)) {
            throw error("a value");
        }
        pos += word.length();
        return value;
    }

    /** Whether the text holds {@code word} at {@code pos}. */
    private boolean spells(String word) {
        if (pos + word.length() > text.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (text[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Onto the element stack, which doubles when full: amortized constant per element. */
    private void push(Object value) {
        if (top == elements.length) {
            elements = Arrays.copyOf(elements, Math.max(16, 2 * top));
        }
        elements[top++] = value;
    }

    private void enter() throws JsonException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting no deeper than " + MAX_DEPTH);
        }
    }

    private void skipSpace() {
        while (pos < text.length) {
            char c = text[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws JsonException {
        if (pos >= text.length) {
            throw error("more input");
        }
        return text[pos];
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
        return JsonException.expected(expected, pos);
    }
}
