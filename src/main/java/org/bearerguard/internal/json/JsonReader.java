package org.bearerguard.internal.json;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON text (RFC 8259) into read-only maps (in member order) and lists, {@code String}, {@code Long}
 * (or {@code BigInteger} beyond it), {@code Double}, {@code Boolean} and {@code null}; each container is made
 * read-only as it is built, so a parsed value can be handed out as it is, with no second pass. Strict: duplicate member names
 * (RFC 7515 §5.2 requires refusing them), unescaped control characters, unpaired surrogates, escapes with other than
 * ASCII hex digits, leading zeros, trailing data, and nesting deeper than {@link #MAX_DEPTH} are errors. One pass, no
 * regular expressions, no intermediate token objects.
 *
 * <p>The work is linear in the text's length with a small constant, whatever its shape: strings with escapes share
 * one builder per text, and numbers are read by {@code NumberReader}: integers by hand (a {@code BigInteger} only past
 * a {@code long}, no exception per literal), a number literal at most {@link #MAX_NUMBER_LENGTH} characters.
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
    private int pos;
    private int depth;
    private int members;
    /** The elements of the arrays being read, innermost last: each array is copied out once, at its exact size. */
    private Object[] elements = NO_ELEMENTS;
    private int top;
    private static final Object[] NO_ELEMENTS = {};
    /** Shared by every string with an escape in this text, so their cost adds up to their length. */
    private StringBuilder unescaped;

    private JsonReader(char[] text, int maxMembers) {
        this.text = text;
        this.maxMembers = maxMembers;
        this.numbers = new NumberReader(text);
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
        pos++; // opening quote
        int start = pos;
        // fast path: no escapes
        while (pos < text.length) {
            char c = text[pos];
            if (c == '"') {
                return new String(text, start, pos++ - start);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("no control characters in strings");
            }
            if (Character.isSurrogate(c)) {
                pastRawPair(c);
                continue;
            }
            pos++;
        }
        if (unescaped == null) {
            unescaped = new StringBuilder(Math.max(16, 2 * (pos - start)));
        }
        var sb = unescaped;
        sb.setLength(0);
        sb.append(text, start, pos - start);
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("no control characters in strings");
            }
            if (Character.isSurrogate(c)) {
                pos--;
                pastRawPair(c);
                sb.append(text, pos - 2, 2);
                continue;
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
                case 'u' -> escapedCharacter(sb);
                default -> throw error("a valid escape");
            }
        }
    }

    /**
     * A raw surrogate at {@code pos}: only a high one followed by a low one, that is one character beyond the BMP,
     * is text (RFC 8259 §8.2; RFC 3629 §3: UTF-8 never encodes a lone surrogate). Moves past the pair.
     */
    private void pastRawPair(char c) throws JsonException {
        if (Character.isHighSurrogate(c) && pos + 1 < text.length && Character.isLowSurrogate(text[pos + 1])) {
            pos += 2;
            return;
        }
        throw error("paired surrogates");
    }

    /**
     * After {@code \\u}: one BMP character, or a character beyond it written as two escapes, high then low surrogate
     * (RFC 8259 §7). An escape that leaves a surrogate unpaired is refused, as a raw one is.
     */
    private void escapedCharacter(StringBuilder sb) throws JsonException {
        char c = fourHexDigits();
        if (Character.isHighSurrogate(c)) {
            if (pos + 2 <= text.length && text[pos] == '\\' && text[pos + 1] == 'u') {
                pos += 2;
                char low = fourHexDigits();
                if (Character.isLowSurrogate(low)) {
                    sb.append(c).append(low);
                    return;
                }
            }
            throw error("paired surrogates");
        }
        if (Character.isLowSurrogate(c)) {
            throw error("paired surrogates");
        }
        sb.append(c);
    }

    private char fourHexDigits() throws JsonException {
        if (pos + 4 > text.length) {
            throw error("four hex digits");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = hexValue(text[pos++]);
            if (d < 0) {
                throw error("four hex digits");
            }
            v = (v << 4) | d;
        }
        return (char) v;
    }

    /** RFC 8259 §7 and RFC 5234 B.1: HEXDIG is ASCII; {@code Character.digit} would take other scripts' digits too. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private Object literal(String word, Object value) throws JsonException {
        if (pos + word.length() > text.length || !KnownNames.spells(text, pos, word)) {
            throw error("a value");
        }
        pos += word.length();
        return value;
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
