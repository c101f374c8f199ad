package org.bearerguard.internal.verify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.keys.KeyResolver;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Verifies a compact JWS: parsed once (jose4j, no checks yet), header rules, issuer by the unverified {@code iss}
 * (an unknown issuer costs no network call), then that issuer's signature and claim checks.
 */
public final class TokenVerifier {

    /** Only splits, decodes and parses: every check is ours, in our order. */
    private final JwtConsumer parser = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();
    private final Map<String, IssuerVerifier> issuers;
    private final Set<String> names;

    public TokenVerifier(BearerConfig config, KeyResolver keys, Clock clock) {
        var map = new LinkedHashMap<String, IssuerVerifier>();
        for (var issuer : config.issuers()) {
            var source = keys.forIssuer(issuer.issuer()).orElseThrow();
            map.put(issuer.issuer(), new IssuerVerifier(issuer, source, clock));
        }
        this.issuers = Map.copyOf(map);
        this.names = config.issuers().stream().map(i -> i.name()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Names of the configured issuers. */
    public Set<String> issuerNames() {
        return names;
    }

    /**
     * @param acceptedIssuers names of the issuers whose tokens are accepted here; empty: every configured issuer
     */
    public BearerPrincipal verify(String token, Set<String> acceptedIssuers) throws BearerException {
        if (!isCompactJws(token)) {
            // five parts are a JWE, one a bare string; RFC 7515 §2: base64url without padding, nothing else
            throw BearerException.invalidToken(Reason.MALFORMED_TOKEN);
        }
        if (!shapeIsBounded(token)) {
            throw BearerException.invalidToken(Reason.MALFORMED_TOKEN);
        }
        JsonWebSignature jws;
        JwtClaims claims;
        try {
            var context = parser.process(token);
            if (context.getJoseObjects().size() != 1
                    || !(context.getJoseObjects().get(0) instanceof JsonWebSignature signature)) {
                throw BearerException.invalidToken(Reason.MALFORMED_TOKEN);
            }
            jws = signature;
            claims = context.getJwtClaims();
        } catch (InvalidJwtException | RuntimeException e) {
            throw BearerException.invalidToken(Reason.MALFORMED_TOKEN);
        }
        var alg = HeaderRules.algorithm(jws);
        HeaderRules.check(jws);
        var kid = HeaderRules.keyId(jws);
        var issuer = issuerOf(claims);
        // checked before any key is looked up: a token of an issuer not accepted here costs nothing
        if (issuer == null || (!acceptedIssuers.isEmpty() && !acceptedIssuers.contains(issuer.name()))) {
            throw BearerException.invalidToken(Reason.ISSUER_NOT_TRUSTED);
        }
        return issuer.verify(jws, alg, kid, claims, token);
    }

    private IssuerVerifier issuerOf(JwtClaims claims) throws BearerException {
        try {
            var iss = claims.getIssuer();
            return iss == null ? null : issuers.get(iss);
        } catch (MalformedClaimException e) {
            throw BearerException.invalidToken(Reason.MALFORMED_CLAIMS);
        }
    }

    /** Header and payload decode to JSON of bounded depth and size, checked before jose4j parses anything. */
    private static boolean shapeIsBounded(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        try {
            var decoder = Base64.getUrlDecoder();
            var header = new String(decoder.decode(token.substring(0, first)), StandardCharsets.UTF_8);
            var payload = new String(decoder.decode(token.substring(first + 1, second)), StandardCharsets.UTF_8);
            return JsonShape.within(header, JsonShape.MAX_HEADER_MEMBERS)
                    && JsonShape.within(payload, JsonShape.MAX_PAYLOAD_MEMBERS);
        } catch (IllegalArgumentException e) {
            return false; // not base64url (RFC 7515 §2: no padding, URL-safe alphabet)
        }
    }

    /** Three base64url segments (header and payload non-empty), in one pass over the characters. */
    private static boolean isCompactJws(String token) {
        int dots = 0;
        int segmentStart = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (++dots > 2 || i == segmentStart) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_')) {
                return false;
            }
        }
        return dots == 2;
    }
}
