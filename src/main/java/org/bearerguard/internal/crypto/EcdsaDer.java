package org.bearerguard.internal.crypto;

/**
 * An ECDSA signature from the JWS form (R || S, RFC 7518 §3.4) to DER (RFC 3279 §2.2.3: SEQUENCE of two INTEGERs),
 * into a caller's buffer, for providers that take only DER. R and S have already passed their range checks.
 */
final class EcdsaDer {

    private EcdsaDer() {
    }

    /** The longest DER form for a curve of {@code octets}: two INTEGERs of octets + 1 bytes, long-form lengths. */
    static int maxLength(int octets) {
        return 3 + 2 * (2 + octets + 1);
    }

    /**
     * Writes the DER form of {@code raw} into {@code out} and returns its length, or 0 when {@code raw} is not
     * {@code 2 * octets} long.
     */
    static int encode(byte[] raw, int octets, byte[] out) {
        if (raw.length != 2 * octets) {
            return 0;
        }
        int r = integerLength(raw, 0, octets);
        int s = integerLength(raw, octets, octets);
        int content = 2 + r + 2 + s;
        int at = 0;
        out[at++] = 0x30;
        if (content > 127) {
            out[at++] = (byte) 0x81;
        }
        out[at++] = (byte) content;
        at = integer(raw, 0, octets, r, out, at);
        integer(raw, octets, octets, s, out, at);
        return at + 2 + s;
    }

    /** The INTEGER's content length: leading zeros dropped, one 0x00 added when the top bit would read as a sign. */
    private static int integerLength(byte[] raw, int offset, int octets) {
        int start = firstNonZero(raw, offset, octets);
        if (start == offset + octets) {
            return 1; // zero
        }
        return offset + octets - start + ((raw[start] & 0x80) != 0 ? 1 : 0);
    }

    private static int integer(byte[] raw, int offset, int octets, int length, byte[] out, int at) {
        out[at++] = 0x02;
        out[at++] = (byte) length;
        int start = firstNonZero(raw, offset, octets);
        int digits = offset + octets - start;
        for (int pad = length - digits; pad > 0; pad--) {
            out[at++] = 0;
        }
        System.arraycopy(raw, start, out, at, digits);
        return at + digits;
    }

    private static int firstNonZero(byte[] raw, int offset, int octets) {
        int i = offset;
        while (i < offset + octets && raw[i] == 0) {
            i++;
        }
        return i;
    }
}
