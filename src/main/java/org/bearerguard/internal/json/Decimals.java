package org.bearerguard.internal.json;

import java.math.BigInteger;

/**
 * Decimal to {@code double}, correctly rounded and without allocating, for the usual number literal: at most 19
 * significant digits. The exact fast path (Clinger 1990: both operands exact doubles, one rounding), then the
 * Eisel–Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021, as Go's {@code strconv} has it),
 * which decides all but rare near-halfway cases, subnormals and overflow included. What neither decides is
 * {@link Double#NaN}, for the caller to hand to {@link Double#parseDouble}, which alone allocates some hundred bytes
 * for a seven-character literal such as {@code 1.5e300} or {@code 1e-320}.
 */
final class Decimals {

    private static final int MIN_EXP10 = -348;
    private static final int MAX_EXP10 = 347;
    /** The 128 leading bits of 10^q, rounded down, for q from MIN_EXP10: high and low halves. */
    private static final long[] HIGH = new long[MAX_EXP10 - MIN_EXP10 + 1];
    private static final long[] LOW = new long[MAX_EXP10 - MIN_EXP10 + 1];
    /** Powers of ten that doubles hold exactly. */
    private static final double[] EXACT = new double[23];

    static {
        var five = BigInteger.valueOf(5);
        for (int q = MIN_EXP10; q <= MAX_EXP10; q++) {
            BigInteger bits;
            if (q >= 0) {
                bits = five.pow(q); // 10^q = 5^q * 2^q: the same leading bits
            } else {
                var divisor = five.pow(-q);
                bits = BigInteger.ONE.shiftLeft(divisor.bitLength() + 128).divide(divisor);
            }
            int excess = bits.bitLength() - 128;
            bits = excess >= 0 ? bits.shiftRight(excess) : bits.shiftLeft(-excess);
            HIGH[q - MIN_EXP10] = bits.shiftRight(64).longValue();
            LOW[q - MIN_EXP10] = bits.longValue();
        }
        double p = 1;
        for (int i = 0; i < EXACT.length; i++) {
            EXACT[i] = p;
            p *= 10;
        }
    }

    private Decimals() {
    }

    /**
     * The double nearest to {@code (negative ? -1 : 1) * digits * 10^exp10}, {@code digits} read as unsigned (at most
     * 19 decimal digits), or NaN when this cannot tell (then {@code Double.parseDouble} must).
     */
    static double toDouble(long digits, int exp10, boolean negative) {
        if (digits == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (digits > 0 && digits < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
            double d = (double) digits;
            d = exp10 < 0 ? d / EXACT[-exp10] : d * EXACT[exp10];
            return negative ? -d : d;
        }
        return eiselLemire(digits, exp10, negative);
    }

    private static double eiselLemire(long man, int exp10, boolean negative) {
        if (exp10 < MIN_EXP10) {
            return negative ? -0.0 : 0.0; // below 10^19 * 10^-349: less than half the least subnormal
        }
        if (exp10 > MAX_EXP10) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int clz = Long.numberOfLeadingZeros(man);
        man <<= clz;
        long exp2 = ((217706L * exp10) >> 16) + 64 + 1023 - clz; // 217706 / 2^16 ~ log2(10)
        int i = exp10 - MIN_EXP10;
        long xHi = multiplyHighUnsigned(man, HIGH[i]);
        long xLo = man * HIGH[i];
        if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
            // the truncated power may have mattered: take its low half into account
            long yHi = multiplyHighUnsigned(man, LOW[i]);
            long yLo = man * LOW[i];
            long mergedHi = xHi;
            long mergedLo = xLo + yHi;
            if (Long.compareUnsigned(mergedLo, xLo) < 0) {
                mergedHi++;
            }
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0 && Long.compareUnsigned(yLo + man, man) < 0) {
                return Double.NaN;
            }
            xHi = mergedHi;
            xLo = mergedLo;
        }
        int msb = (int) (xHi >>> 63);
        long mantissa = xHi >>> (msb + 9);
        exp2 -= 1 ^ msb;
        if (exp2 <= 0) {
            return subnormal(mantissa, exp2, negative);
        }
        if (xLo == 0 && (xHi & 0x1FF) == 0 && (mantissa & 3) == 1) {
            return Double.NaN; // exactly halfway, as far as these bits tell
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if ((mantissa >>> 53) > 0) {
            mantissa >>>= 1;
            exp2 += 1;
        }
        if (exp2 >= 0x7FF) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        long bits = exp2 << 52 | mantissa & 0x000F_FFFF_FFFF_FFFFL;
        return Double.longBitsToDouble(negative ? bits | Long.MIN_VALUE : bits);
    }

    /**
     * The 54 exact leading bits ({@code bits54 * 2^(exp2 - 1076)}) rounded to a multiple of 2^-1074, which is what a
     * subnormal's bits count. A tie cannot occur: a decimal with at most 19 digits this small is never a dyadic
     * fraction, so the first bit shifted out alone decides (as in fast_float).
     */
    private static double subnormal(long bits54, long exp2, boolean negative) {
        long shift = 2 - exp2;
        long units = shift > 55 ? 0 : ((bits54 >>> (shift - 1)) + 1) >>> 1; // 2^52 units: the least normal, as it should
        return Double.longBitsToDouble(negative ? units | Long.MIN_VALUE : units);
    }

    private static long multiplyHighUnsigned(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
