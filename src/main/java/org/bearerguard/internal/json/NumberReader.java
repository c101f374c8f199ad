package org.bearerguard.internal.json;

import java.math.BigInteger;

/**
 * Reads the number literals of one JSON text for {@link JsonReader} (RFC 8259 §6): the grammar (no leading zeros,
 * digits after a point and in an exponent), the length limit, and the value. It stands apart from the reader because
 * a number is the one value whose result is computed, not copied out of the text, and that computation has cost rules
 * of its own: an integer is read by hand into a {@code long} (a {@code BigInteger} only past it, no exception per
 * literal), a decimal goes to {@link Decimals} ({@link Double#parseDouble} only for what that cannot decide), and no
 * literal is longer than {@link JsonReader#MAX_NUMBER_LENGTH} characters.
 *
 * <p>One per text; {@link #read(int)} leaves {@link #end()} just past the literal, where the reader goes on.
 */
final class NumberReader {

    private final char[] text;
    private int pos;

    NumberReader(char[] text) {
        this.text = text;
    }

    /**
     * The number whose literal starts at {@code start}, a {@code '-'} or a digit: a {@code Long}, a {@code BigInteger}
     * where no {@code long} holds it, or a {@code Double} where it has a fraction or an exponent.
     */
    Object read(int start) throws JsonException {
        pos = start;
        boolean negative = text[pos] == '-';
        if (negative) {
            pos++;
        }
        int intStart = pos;
        digits();
        int intEnd = pos;
        if (intEnd - intStart > 1 && text[intStart] == '0') {
            throw JsonException.expected("no leading zeros", pos);
        }
        int fractionStart = pos;
        int fractionEnd = pos;
        if (pos < text.length && text[pos] == '.') {
            pos++;
            fractionStart = pos;
            digits();
            fractionEnd = pos;
        }
        int exponentStart = -1;
        boolean exponentNegative = false;
        if (pos < text.length && (text[pos] == 'e' || text[pos] == 'E')) {
            pos++;
            if (pos < text.length && (text[pos] == '+' || text[pos] == '-')) {
                exponentNegative = text[pos] == '-';
                pos++;
            }
            exponentStart = pos;
            digits();
        }
        if (pos - start > JsonReader.MAX_NUMBER_LENGTH) {
            throw JsonException.expected("a number of at most " + JsonReader.MAX_NUMBER_LENGTH + " characters", start);
        }
        if (fractionStart == fractionEnd && exponentStart < 0) {
            return integer(intStart, intEnd, negative, start);
        }
        return decimal(start, negative, intStart, fractionStart, fractionEnd, exponentStart, exponentNegative);
    }

    /** Just past the literal {@link #read(int)} last read. */
    int end() {
        return pos;
    }

    /** A number with a fraction or an exponent, as the {@code Double} that {@link Double#parseDouble} would give. */
    private Double decimal(int start, boolean negative, int intStart, int fractionStart, int fractionEnd,
                           int exponentStart, boolean exponentNegative) {
        long digits = 0; // unsigned: 19 significant digits fit
        int significant = 0;
        for (int i = intStart; i < fractionEnd; i++) {
            char c = text[i];
            if (c == '.') {
                continue;
            }
            if (digits != 0 || c != '0') {
                digits = digits * 10 + (c - '0');
                significant++;
            }
        }
        int exponent = 0;
        if (exponentStart >= 0) {
            for (int i = exponentStart; i < pos; i++) {
                exponent = Math.min(exponent * 10 + (text[i] - '0'), 100_000); // far beyond any double
            }
        }
        int exp10 = (exponentNegative ? -exponent : exponent) - (fractionEnd - fractionStart);
        double value = significant > 19 ? Double.NaN : Decimals.toDouble(digits, exp10, negative);
        return Double.isNaN(value) ? Double.valueOf(new String(text, start, pos - start)) : Double.valueOf(value);
    }

    /**
     * The digits as a {@code Long}, or a {@code BigInteger} when no {@code long} holds them. Accumulated negatively, as
     * {@code Long.parseLong} does, so that {@code Long.MIN_VALUE} fits; overflow is found before it happens.
     */
    private Object integer(int from, int to, boolean negative, int start) {
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long beforeLastDigit = limit / 10;
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (value < beforeLastDigit) {
                return new BigInteger(new String(text, start, to - start));
            }
            value *= 10;
            if (value < limit + digit) {
                return new BigInteger(new String(text, start, to - start));
            }
            value -= digit;
        }
        return negative ? value : -value;
    }

    private void digits() throws JsonException {
        int start = pos;
        while (pos < text.length && text[pos] >= '0' && text[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw JsonException.expected("a digit", pos);
        }
    }
}
