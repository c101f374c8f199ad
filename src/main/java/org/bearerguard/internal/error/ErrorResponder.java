package org.bearerguard.internal.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Renders every {@link BearerError}: the only place that writes {@code WWW-Authenticate} (RFC 6750 §3, RFC 9449
 * §7.1) and the only place that decides a status. Bodies are a small JSON object with the same code and description,
 * never anything else; every response carries {@code Cache-Control: no-store}.
 */
public final class ErrorResponder {

    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String CACHE_CONTROL = "Cache-Control";
    /** RFC 9449 §8.1. */
    public static final String DPOP_NONCE = "DPoP-Nonce";

    /** RFC 6750 §3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final String realm;
    /** The {@code algs} auth-param of a DPoP challenge: the accepted proof algorithms, space-separated. */
    private final String dpopAlgs;

    /** For a deployment without DPoP: {@link Challenges#BEARER} only. */
    public ErrorResponder(String realm) {
        this(realm, List.of());
    }

    public ErrorResponder(String realm, List<String> dpopAlgorithms) {
        this.realm = realm;
        this.dpopAlgs = String.join(" ", dpopAlgorithms);
    }

    public ErrorResponse render(BearerError error) {
        return render(error, Challenges.BEARER);
    }

    public ErrorResponse render(BearerError error, Challenges challenges) {
        return render(error, challenges, Discovery.NONE);
    }

    /**
     * With {@code discovery}: {@code resource_metadata} in every challenge (RFC 9728 §5.1), and the resource's
     * scopes in the {@code 401} without credentials (MCP 2025-11-25).
     */
    public ErrorResponse render(BearerError error, Challenges challenges, Discovery discovery) {
        if (dpopAlgs.isEmpty()) {
            challenges = Challenges.BEARER;
        }
        var metadata = discovery.metadataUrl().map(url -> ", resource_metadata=\"" + url + "\"").orElse("");
        if (error instanceof BearerError.MissingCredentials) {
            return response(401, challenge(challenges, scope(discovery.scopes()), metadata), null, null, null);
        }
        if (error instanceof BearerError.Refused refused) {
            var reason = refused.reason();
            var dpopCode = reason.code() == ErrorCode.INVALID_DPOP_PROOF || reason.code() == ErrorCode.USE_DPOP_NONCE;
            var params = ", error=\"" + reason.code().code() + "\", error_description=\"" + reason.description() + "\""
                    + scope(refused.scopes()) + refused.stepUp().map(ErrorResponder::stepUp).orElse("");
            var body = "{\"error\":\"" + reason.code().code() + "\",\"error_description\":\"" + reason.description()
                    + "\"}";
            return response(reason.code().status(), challenge(dpopCode && !dpopAlgs.isEmpty() ? Challenges.DPOP
                    : challenges, params, metadata), null, body, refused.dpopNonce().orElse(null));
        }
        if (error instanceof BearerError.KeysUnavailable unavailable) {
            // RFC 9110 §10.2.3: a whole number of seconds; round up so clients never come back too early
            long seconds = Math.max(1, (unavailable.retryAfter().toMillis() + 999) / 1000);
            return response(503, null, Long.toString(seconds), null, null);
        }
        if (error instanceof BearerError.ServerError) {
            return response(500, null, null, null, null);
        }
        throw new IllegalArgumentException("not a BearerError of this version: " + error.getClass().getName());
    }

    /** {@code scope="…"} of the valid scope tokens, or nothing. */
    private static String scope(java.util.List<String> scopes) {
        var valid = scopes.stream().filter(s -> SCOPE_TOKEN.matcher(s).matches()).toList();
        return valid.isEmpty() ? "" : ", scope=\"" + String.join(" ", valid) + "\"";
    }

    /** RFC 9470 §3: {@code acr_values} and {@code max_age}, each when the resource asks for it. */
    private static String stepUp(BearerError.StepUp stepUp) {
        return (stepUp.acrValues().isEmpty() ? "" : ", acr_values=\"" + String.join(" ", stepUp.acrValues()) + "\"")
                + (stepUp.maxAge() < 0 ? "" : ", max_age=\"" + stepUp.maxAge() + "\"");
    }

    /**
     * The {@code WWW-Authenticate} value: {@code params} (the error, if any) go with the first challenge,
     * {@code metadata} ({@code resource_metadata}, if any) ends each.
     */
    private String challenge(Challenges challenges, String params, String metadata) {
        var bearer = "Bearer realm=\"" + realm + "\"";
        var dpop = "DPoP realm=\"" + realm + "\"";
        var algs = ", algs=\"" + dpopAlgs + "\"";
        return switch (challenges) {
            case BEARER -> bearer + params + metadata;
            case BEARER_THEN_DPOP -> bearer + params + metadata + ", " + dpop + algs + metadata;
            case DPOP -> dpop + params + algs + metadata;
        };
    }

    private static ErrorResponse response(int status, String challenge, String retryAfter, String json,
                                          String dpopNonce) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(CACHE_CONTROL, "no-store");
        if (challenge != null) {
            headers.put(WWW_AUTHENTICATE, challenge);
        }
        if (retryAfter != null) {
            headers.put(RETRY_AFTER, retryAfter);
        }
        if (dpopNonce != null) {
            headers.put(DPOP_NONCE, dpopNonce);
        }
        return new ErrorResponse(status, headers, Optional.ofNullable(json));
    }
}
