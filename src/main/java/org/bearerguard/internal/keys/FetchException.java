package org.bearerguard.internal.keys;

/** Keys could not be fetched: connection, timeout, status, size or content. The message is safe to log. */
public final class FetchException extends InvalidKeySetException {

    private static final long serialVersionUID = 1L;

    public FetchException(String message) {
        super(message);
    }
}
