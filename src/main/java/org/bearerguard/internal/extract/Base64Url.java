package org.bearerguard.internal.extract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Base64url without padding (RFC 7515 §2, RFC 4648 §5), decoded strictly: only the one canonical spelling of given
 * bytes is read. RFC 4648 §3.5 lets a decoder refuse non-zero padding bits; the JDK's decoder does not, so that one
 * signed token had up to 16 spellings that all verified. Only the last character can carry such bits, so the check
 * costs one look; the rest is the JDK's URL decoder (an intrinsic on current JVMs, ten times faster here than a
 * table loop), which refuses every character outside the alphabet. It also takes '=' padding, so that is looked for
 * first: it is never part of the canonical spelling.
 */
public final class Base64Url {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Each Latin-1 character's six bits, or -1 outside the alphabet: for the last character's look. */
    private static final byte[] VALUE = new byte[256];

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
        int padding = text.indexOf('=', begin);
        if (padding >= 0 && padding < end) {
            return null;
        }
        var chars = latin1(text.substring(begin, end));
        return chars == null ? null : decodeUnpadded(chars, 0, chars.length);
    }

    /**
     * The bytes that the characters {@code chars[begin, end)} (one byte each, Latin-1) spell, or null when that is
     * not canonical base64url. The caller has made sure that the range holds no '='. Reads the array in place: the
     * request path decodes the bytes of its one copy of the token, no copy per segment.
     */
    static byte[] decodeUnpadded(byte[] chars, int begin, int end) {
        if (begin < 0 || end < begin || end > chars.length) {
            return null;
        }
        int length = end - begin;
        int tail = length & 3; // characters after the last full group of four
        if (tail == 1) {
            return null; // six bits cannot end a byte
        }
        if (tail != 0) {
            int last = VALUE[chars[end - 1] & 0xFF];
            // the low four (two) bits of the last of two (three) characters are padding: zero in the canonical form
            if (last < 0 || (last & (tail == 2 ? 0x0F : 0x03)) != 0) {
                return null;
            }
        }
        ByteBuffer decoded;
        try {
            decoded = DECODER.decode(ByteBuffer.wrap(chars, begin, length));
        } catch (IllegalArgumentException outsideTheAlphabet) {
            return null;
        }
        var out = decoded.array(); // sized by the decoder for exactly this input; without padding, all of it is used
        return decoded.remaining() == out.length ? out : null;
    }

    /**
     * The text's characters one byte each, or null when it has a character beyond the BMP: Latin-1 encoding turns
     * such a pair of UTF-16 units into one '?', so the bytes would be shorter than the text and no index into the
     * text would fit them. Any other character beyond Latin-1 becomes '?', which is in no alphabet of ours.
     */
    static byte[] latin1(String text) {
        var bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return bytes.length == text.length() ? bytes : null;
    }
}
