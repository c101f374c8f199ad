package org.bearerguard.internal.config;

/** A configuration value is missing or invalid; the message names the property. Fails the deployment. */
public final class BearerConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BearerConfigException(String message) {
        super(message);
    }
}
