package org.bearerguard.internal.json;

/** The text is not the JSON we accept. The message names an offset, never the text. */
public final class JsonException extends Exception {

    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message, null, false, false);
    }
}
