package org.bearerguard.internal.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (RFC 3629): a malformed, overlong or surrogate sequence is an error, never a U+FFFD, so that one
 * token has one reading. All-ASCII text, the usual case, is one vectorized look at the bytes and one copy.
 */
final class Utf8 {

    private Utf8() {
    }

    /** The text these bytes encode, or null when they are not UTF-8. */
    static String decode(byte[] bytes) {
        // the JDK's own decoding looks for non-ASCII bytes with an intrinsic and copies ASCII as it is; it replaces
        // bad bytes with U+FFFD, one character each, and every good sequence beyond ASCII is shorter in characters
        // than in bytes: as many characters as bytes and no U+FFFD means every byte was ASCII
        var lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.length() == bytes.length && lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        var out = CharBuffer.allocate(bytes.length); // never more UTF-16 units than UTF-8 bytes
        if (decoder.decode(ByteBuffer.wrap(bytes), out, true).isError() || decoder.flush(out).isError()) {
            return null; // CoderResult rather than decode(ByteBuffer): no exception per bad token
        }
        return out.flip().toString();
    }
}
