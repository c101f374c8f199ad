package org.bearerguard.internal.keys;

/** A discovery document or key set was fetched but cannot be used. The message is safe to log. */
public class InvalidKeySetException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidKeySetException(String message) {
        super(message, null, false, false);
    }
}
