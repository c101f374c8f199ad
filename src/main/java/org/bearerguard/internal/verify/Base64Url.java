package org.bearerguard.internal.verify;

import java.util.Arrays;

/**
 * Base64url without padding (RFC 7515 §2, RFC 4648 §5), decoded strictly: only the one canonical spelling of given
 * bytes is read. RFC 4648 §3.5 lets a decoder refuse non-zero padding bits; the JDK's decoder does not, so that one
 * signed token had up to 16 spellings that all verified. Only the last character can carry such bits, so the check
 * costs one look.
 */
public final class Base64Url {

    private static final byte[] VALUE = new byte[128];

    static {
        Arrays.fill(VALUE, (byte) -1);
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /** The bytes {@code text[begin, end)} spells, or null when that is not canonical unpadded base64url. */
    public static byte[] decode(String text, int begin, int end) {
        int length = end - begin;
        int tail = length & 3; // characters after the last full group of four
        if (tail == 1) {
            return null; // six bits cannot end a byte
        }
        var out = new byte[length / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
        int invalid = 0;
        int o = 0;
        int i = begin;
        for (int full = end - tail; i < full; i += 4) {
            int a = value(text.charAt(i));
            int b = value(text.charAt(i + 1));
            int c = value(text.charAt(i + 2));
            int d = value(text.charAt(i + 3));
            invalid |= a | b | c | d; // negative once any character is outside the alphabet
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (tail == 2) {
            int a = value(text.charAt(i));
            int b = value(text.charAt(i + 1));
            invalid |= a | b;
            if ((b & 0x0F) != 0) {
                return null; // the low four bits of the last character are padding
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (tail == 3) {
            int a = value(text.charAt(i));
            int b = value(text.charAt(i + 1));
            int c = value(text.charAt(i + 2));
            invalid |= a | b | c;
            if ((c & 0x03) != 0) {
                return null; // the low two bits of the last character are padding
            }
            out[o++] = (byte) (a << 2 | b >> 4);
            out[o] = (byte) (b << 4 | c >> 2);
        }
        return invalid < 0 ? null : out;
    }

    private static int value(char c) {
        return c < 128 ? VALUE[c] : -1;
    }
}
