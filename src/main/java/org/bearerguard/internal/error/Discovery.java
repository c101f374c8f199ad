package org.bearerguard.internal.error;

import java.util.List;
import java.util.Optional;

/**
 * What a refusal tells a client that discovers how to get a token (RFC 9728 §5.1, MCP 2025-11-25): where the
 * resource's metadata is, and the scopes the resource requires, named in the {@code 401} without credentials. Fixed
 * per resource method at deployment.
 *
 * @param metadataUrl {@code resource_metadata} in every challenge; empty: metadata is off
 * @param scopes      the scopes the method requires, exactly as annotated
 */
public record Discovery(Optional<String> metadataUrl, List<String> scopes) {

    /** Metadata off: challenges as RFC 6750 has them. */
    public static final Discovery NONE = new Discovery(Optional.empty(), List.of());

    public Discovery {
        scopes = List.copyOf(scopes);
    }
}
