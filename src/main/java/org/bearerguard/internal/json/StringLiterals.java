package org.bearerguard.internal.json;

/**
 * Reads the string literals of one JSON text for {@link JsonReader} (RFC 8259 §7): no unescaped control characters,
 * escapes of the grammar only, surrogates only in pairs, raw or escaped. A string without escapes is one copy out of
 * the text; those with escapes share one builder per text, so that their cost adds up to their length.
 *
 * <p>One per text; {@link #read(int)} leaves {@link #end()} just past the closing quote, where the reader goes on.
 */
final class StringLiterals {

    private final char[] text;
    private int pos;
    /** Shared by every string with an escape in this text. */
    private StringBuilder unescaped;

    StringLiterals(char[] text) {
        this.text = text;
    }

    /** Where the last string read ended: just past its closing quote. */
    int end() {
        return pos;
    }

    /** The string whose opening quote is at {@code quote}; {@link #end()} is just past its closing quote then. */
    String read(int quote) throws JsonException {
        pos = quote + 1;
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

    private char next() throws JsonException {
        if (pos >= text.length) {
            throw error("more input");
        }
        return text[pos++];
    }

    private JsonException error(String expected) {
        return JsonException.expected(expected, pos);
    }
}
