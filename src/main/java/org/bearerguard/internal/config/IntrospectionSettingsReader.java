package org.bearerguard.internal.config;

import static org.bearerguard.internal.config.Property.*;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bearerguard.internal.config.IssuerConfig.ClientAuth;
import org.bearerguard.internal.config.IssuerConfig.IntrospectedTokens;
import org.bearerguard.internal.config.IssuerConfig.Introspection;

/** Reads one issuer's {@code bearer.introspection.*} (RFC 7662); every error names the property, never a secret. */
final class IntrospectionSettingsReader {

    private IntrospectionSettingsReader() {
    }

    static Optional<Introspection> read(PropertyValues v) {
        var mode = v.string(INTROSPECTION).toLowerCase(Locale.ROOT);
        IntrospectedTokens tokens = switch (mode) {
            case "off" -> null;
            case "opaque" -> IntrospectedTokens.OPAQUE;
            case "all" -> IntrospectedTokens.ALL;
            default -> throw v.invalid(INTROSPECTION, "off, opaque or all");
        };
        // read (and bounds-checked) even when off: a value out of its bounds is always an error
        var cacheTime = v.duration(INTROSPECTION_CACHE_TIME);
        var inactiveCacheTime = v.duration(INTROSPECTION_INACTIVE_CACHE_TIME);
        var rateLimit = v.number(INTROSPECTION_RATE_LIMIT);
        if (tokens == null) {
            for (var p : List.of(INTROSPECTION_ENDPOINT, INTROSPECTION_CLIENT_ID, INTROSPECTION_CLIENT_SECRET)) {
                if (v.optional(p).isPresent()) {
                    throw new BearerConfigException(v.key(p) + " is set but " + v.key(INTROSPECTION)
                            + " is off: set it to opaque or all");
                }
            }
            return Optional.empty();
        }
        var endpoint = v.optional(INTROSPECTION_ENDPOINT)
                .map(u -> ConfigReader.httpUrl(v.key(INTROSPECTION_ENDPOINT), u));
        var clientId = v.optional(INTROSPECTION_CLIENT_ID).orElseThrow(() -> new BearerConfigException(
                v.key(INTROSPECTION_CLIENT_ID) + " is required with " + v.key(INTROSPECTION) + "=" + mode));
        // the value itself never goes into a message
        var secret = v.optional(INTROSPECTION_CLIENT_SECRET).orElseThrow(() -> new BearerConfigException(
                v.key(INTROSPECTION_CLIENT_SECRET) + " is required with " + v.key(INTROSPECTION) + "=" + mode));
        var auth = switch (v.string(INTROSPECTION_CLIENT_AUTH).toLowerCase(Locale.ROOT)) {
            case "client_secret_basic" -> ClientAuth.CLIENT_SECRET_BASIC;
            case "client_secret_post" -> ClientAuth.CLIENT_SECRET_POST;
            default -> throw v.invalid(INTROSPECTION_CLIENT_AUTH, "client_secret_basic or client_secret_post");
        };
        if (auth == ClientAuth.CLIENT_SECRET_BASIC && clientId.contains(":")) {
            // RFC 7617 §2: a user-id containing ':' cannot be sent (RFC 6749 §2.3.1 form-encodes it first, but
            // servers differ in decoding it)
            throw v.invalid(INTROSPECTION_CLIENT_ID, "a client id without ':' for client_secret_basic");
        }
        return Optional.of(new Introspection(tokens, endpoint, clientId, secret, auth, cacheTime, inactiveCacheTime,
                rateLimit));
    }

    /**
     * An opaque token says nothing of its issuer: it goes to the one issuer that takes opaque tokens, never to
     * several (each would see a token meant for another).
     */
    static void checkOneTakesOpaqueTokens(List<IssuerConfig> issuers) {
        var takers = issuers.stream().filter(i -> i.introspection().isPresent()).map(IssuerConfig::name).toList();
        if (takers.size() > 1) {
            throw new BearerConfigException("bearer.introspection is on for issuers " + String.join(", ", takers)
                    + ": an opaque token names no issuer, so at most one issuer may introspect tokens");
        }
    }
}
