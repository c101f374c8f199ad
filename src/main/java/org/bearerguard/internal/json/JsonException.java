package org.bearerguard.internal.json;

/** The text is not the JSON we accept. The message names an offset, never the text. */
public final class JsonException extends Exception {

    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message, null, false, false);
    }

    /** "expected {@code what} at offset {@code offset}": the form of every message that points into the text. */
    static JsonException expected(String what, int offset) {
        return new JsonException("expected " + what + " at offset " + offset);
    }
}
