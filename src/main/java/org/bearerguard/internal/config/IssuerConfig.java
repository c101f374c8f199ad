package org.bearerguard.internal.config;

import org.bearerguard.internal.crypto.Signatures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything about one trusted issuer, validated. Built once at deployment.
 *
 * @param name         {@code default} for {@code bearer.issuer}, else the name under {@code bearer.issuers.}
 * @param issuer       exact {@code iss} value
 * @param jwksUri      configured JWKS URI; empty means discovery
 * @param audiences    accepted audiences, never an empty set; empty only with {@code audience-check=off}: any
 *                     {@code aud} is accepted
 * @param requireAtJwt only tokens with header {@code typ} {@code at+jwt} are accepted (RFC 9068 §2.1)
 * @param algorithms   accepted {@code alg} values
 * @param sharedSecret HMAC secret; empty means no HS* algorithm is accepted
 * @param principalClaim claim for the principal name (falls back to {@code sub})
 * @param rolesClaims  dotted claim paths merged into the roles
 * @param keys         key fetching and caching settings
 * @param regionKey    this issuer's name in the shared cache region ({@link #regionKeyOf})
 * @param dpop         {@code bearer.dpop}: off, allowed or required (never {@code CONFIGURED})
 * @param mtls         {@code bearer.mtls}: certificate-bound tokens checked (else refused)
 * @param audienceIsResource the audiences are the resource identifiers ({@code bearer.resource}, no
 *                     {@code bearer.audience}): a token must name the very resource it is used at (RFC 8707)
 */
public record IssuerConfig(
        String name,
        String issuer,
        Optional<URI> jwksUri,
        Optional<Set<String>> audiences,
        boolean requireAtJwt,
        Set<String> algorithms,
        Optional<byte[]> sharedSecret,
        Duration clockSkew,
        String principalClaim,
        List<String> rolesClaims,
        KeySettings keys,
        String regionKey,
        org.bearerguard.DpopMode dpop,
        boolean mtls,
        boolean audienceIsResource,
        Optional<Introspection> introspection,
        Signatures signatures) {

    /**
     * The issuer's name in the shared region: the issuer and a digest of where its keys come from, e.g.
     * {@code https://id.example 3f9a0c…} (16 hex digits of SHA-256 over the issuer, a newline and the configured
     * {@code jwks-uri} or {@code discovery}). Two applications on one cache that trust the same issuer but take its
     * keys from different places never share key sets, backoff or leases.
     */
    public static String regionKeyOf(String issuer, Optional<URI> jwksUri) {
        var source = jwksUri.map(URI::toString).orElse("discovery");
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((issuer + "\n" + source).getBytes(StandardCharsets.UTF_8));
            return issuer + " " + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Which tokens go to introspection. */
    public enum IntrospectedTokens {
        /** Tokens that are not a compact JWS of a configured issuer. */
        OPAQUE,
        /** Those, and this issuer's JWTs (signature checked first, claims from introspection). */
        ALL
    }

    /** How the client authenticates at the introspection endpoint (RFC 6749 §2.3.1). */
    public enum ClientAuth {
        CLIENT_SECRET_BASIC, CLIENT_SECRET_POST
    }

    /**
     * RFC 7662 introspection at this issuer.
     *
     * @param tokens           which tokens
     * @param endpoint         configured endpoint; empty: discovery's {@code introspection_endpoint}
     * @param clientId         this resource server's client id
     * @param clientSecret     its secret (never in a message or {@link #toString()})
     * @param clientAuth       how it is sent
     * @param cacheTime        longest an active result is kept (never past {@code exp})
     * @param inactiveCacheTime how long an inactive result is kept; zero: not kept
     * @param rateLimit        calls per second one process makes at most
     */
    public record Introspection(IntrospectedTokens tokens, Optional<URI> endpoint, String clientId,
                                String clientSecret, ClientAuth clientAuth, Duration cacheTime,
                                Duration inactiveCacheTime, int rateLimit) {

        @Override
        public String toString() {
            return "Introspection[tokens=" + tokens + ", endpoint=" + endpoint + ", clientId=" + clientId
                    + ", clientAuth=" + clientAuth + ", cacheTime=" + cacheTime + ", inactiveCacheTime="
                    + inactiveCacheTime + ", rateLimit=" + rateLimit + "]";
        }
    }

    /**
     * How keys are fetched and kept.
     *
     * @param minRefreshInterval at most one unknown-kid refresh per interval
     * @param retryInterval      first wait after a failed fetch (503 meanwhile when nothing is at hand)
     * @param maxBackoff         longest wait between attempts during an outage
     * @param maxStaleness       how long past expiry a key set keeps serving while refreshes fail
     * @param fetchAtStartup     fetch in the background as the application starts
     * @param defaultTtl         freshness when the response gives no max-age
     * @param minTtl             lower bound for max-age
     * @param maxTtl             upper bound for max-age
     * @param maxResponseBytes   size cap of discovery and JWKS responses
     * @param connectTimeout     HTTP connect timeout
     * @param readTimeout        HTTP timeout for a whole response
     */
    public record KeySettings(Duration minRefreshInterval, Duration retryInterval, Duration maxBackoff,
                              Duration maxStaleness, boolean fetchAtStartup, Duration defaultTtl,
                              Duration minTtl, Duration maxTtl, int maxResponseBytes,
                              Duration connectTimeout, Duration readTimeout) {

        /**
         * The longest one fetch of the keys may take: connecting, then up to three reads (OIDC discovery, the RFC 8414
         * fallback, the JWKS).
         */
        public Duration requestDeadline() {
            return connectTimeout.plus(readTimeout.multipliedBy(3));
        }

        /**
         * How long a fetch lease lasts: the longest fetch ({@link #requestDeadline()}) plus a second's margin. A
         * holder that dies mid-fetch lets it run out; a lease in the region for longer than this is not one of ours.
         */
        public Duration leaseTime() {
            return requestDeadline().plusSeconds(1);
        }
    }
}
