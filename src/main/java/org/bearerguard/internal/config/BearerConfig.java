package org.bearerguard.internal.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, validated and immutable.
 *
 * @param realm          {@code realm} of {@code WWW-Authenticate}
 * @param maxTokenLength longest accepted token
 * @param tokenCacheSize verified tokens cached per issuer; 0: off
 * @param cache          where key sets are kept
 * @param issuers        trusted issuers (one for now; several share this shape)
 * @param dpop           how DPoP proofs are checked (for every issuer that allows DPoP)
 * @param resource       the protected resource (RFC 9728), when {@code bearer.resource} is set
 * @param scopeImplications {@code bearer.scope-implications}: granted scope → the scopes it implies as written
 *                       (one ending in {@code *} covers a prefix), not yet chained
 * @param servlet        what the servlet filter guards
 * @param jakartaSecurity {@code bearer.jakarta-security}: the container is told each verified caller
 * @param tokenCookie    {@code bearer.token-cookie}: the cookie a token may come in without an Authorization header
 * @param health         what the MicroProfile Health checks report, where the application has them
 */
public record BearerConfig(String realm, int maxTokenLength, int tokenCacheSize, CacheSettings cache,
                           List<IssuerConfig> issuers, DpopSettings dpop, Optional<ResourceSettings> resource,
                           java.util.Map<String, List<String>> scopeImplications, ServletSettings servlet,
                           boolean jakartaSecurity, Optional<String> tokenCookie, HealthSettings health) {

    /** Without container security or a token cookie. */
    public BearerConfig(String realm, int maxTokenLength, int tokenCacheSize, CacheSettings cache,
                        List<IssuerConfig> issuers, DpopSettings dpop, Optional<ResourceSettings> resource,
                        java.util.Map<String, List<String>> scopeImplications, ServletSettings servlet) {
        this(realm, maxTokenLength, tokenCacheSize, cache, issuers, dpop, resource, scopeImplications, servlet, false,
                Optional.empty(), HealthSettings.DEFAULTS);
    }

    /**
     * The MicroProfile Health checks.
     *
     * @param startGrace    {@code bearer.health.start-grace}: how long after the start an issuer may have no keys
     *                      before readiness reports it DOWN (and the startup check stops waiting for it)
     * @param readinessDown {@code bearer.health.readiness-down}: whether readiness may report DOWN at all
     */
    public record HealthSettings(java.time.Duration startGrace, boolean readinessDown) {
        public static final HealthSettings DEFAULTS = new HealthSettings(java.time.Duration.ofMinutes(1), true);
    }

    /** Without a resource, a scope hierarchy or servlet paths (tests that need none). */
    public BearerConfig(String realm, int maxTokenLength, int tokenCacheSize, CacheSettings cache,
                        List<IssuerConfig> issuers, DpopSettings dpop) {
        this(realm, maxTokenLength, tokenCacheSize, cache, issuers, dpop, Optional.empty(), java.util.Map.of(),
                ServletSettings.NONE);
    }

    /**
     * The protected resource (RFC 9728 §1.2) and its metadata.
     *
     * @param identifier    {@code bearer.resource}, exactly as configured: the application's context root
     * @param paths         paths below the context root that are resources of their own
     * @param scopes        scopes listed in {@code scopes_supported} besides the required ones
     * @param name          {@code resource_name}
     * @param documentation {@code resource_documentation}
     */
    public record ResourceSettings(String identifier, List<String> paths, List<String> scopes,
                                   Optional<String> name, Optional<String> documentation) {
    }

    /**
     * The servlet filter's paths.
     *
     * @param paths        servlet paths: {@code /mcp} exactly, or {@code /mcp/*} for it and below
     * @param scopes       needed by every request to them
     * @param toolScopes   MCP tool name → scopes a {@code tools/call} of it needs besides
     * @param maxBodyBytes longest body read to find a tool call
     */
    public record ServletSettings(List<String> paths, List<String> scopes, java.util.Map<String, List<String>> toolScopes,
                                  int maxBodyBytes) {
        public static final ServletSettings NONE = new ServletSettings(List.of(), List.of(), java.util.Map.of(),
                1 << 20);
    }

    /**
     * DPoP proofs (RFC 9449), the same for every issuer.
     *
     * @param algorithms      accepted proof algorithms
     * @param proofWindow     how long after its {@code iat} a proof is accepted
     * @param clockSkew       tolerance on both sides of the window
     * @param nonce           whether server nonces are required
     * @param nonceStep       the length of a nonce's time step
     * @param nonceSecret     the nonce key; empty: a random key for this process (only where no node shares it)
     * @param externalBaseUrl the application's base URL as clients address it, without a trailing slash
     * @param replayRegion    the JCache region of used proofs
     * @param maxEntries      proofs one process remembers at most
     * @param maxPerKey       proofs of one key one process remembers at most
     * @param signatures      who checks the proofs' signatures ({@code bearer.signature-provider})
     */
    public record DpopSettings(java.util.Set<String> algorithms, java.time.Duration proofWindow,
                               java.time.Duration clockSkew, boolean nonce, java.time.Duration nonceStep,
                               Optional<byte[]> nonceSecret, Optional<java.net.URI> externalBaseUrl,
                               String replayRegion, int maxEntries, int maxPerKey,
                               org.bearerguard.internal.crypto.Signatures signatures) {

        /** Without the secret. */
        @Override
        public String toString() {
            return "DpopSettings[algorithms=" + algorithms + ", proofWindow=" + proofWindow + ", clockSkew="
                    + clockSkew + ", nonce=" + nonce + ", nonceStep=" + nonceStep + ", nonceSecret="
                    + (nonceSecret.isPresent() ? "(set)" : "(none)") + ", externalBaseUrl=" + externalBaseUrl
                    + ", replayRegion=" + replayRegion + ", maxEntries=" + maxEntries + ", maxPerKey=" + maxPerKey
                    + ", signatures=" + signatures + "]";
        }
    }

    /**
     * The JCache region.
     *
     * @param provider   {@code ehcache}, {@code hazelcast}, {@code hazelcast-client}, {@code payara}, or a
     *                   {@code CachingProvider} class name
     * @param uri        {@code CacheManager} URI, or the Hazelcast configuration file; empty: the default
     * @param regionName cache name
     * @param hazelcast  cluster settings for {@code hazelcast} and {@code hazelcast-client}
     * @param secret     the key that authenticates region entries (at least 32 bytes); never logged
     * @param unauthenticated entries neither authenticated nor checked (the documented opt-out); never with a
     *                   secret
     */
    public record CacheSettings(String provider, Optional<java.net.URI> uri, String regionName,
                                HazelcastSettings hazelcast, Optional<byte[]> secret, boolean unauthenticated) {

        public static final String EHCACHE = "ehcache";
        public static final String HAZELCAST = "hazelcast";
        public static final String HAZELCAST_CLIENT = "hazelcast-client";
        public static final String PAYARA = "payara";
        public static final String EHCACHE_PROVIDER_CLASS = "org.ehcache.jsr107.EhcacheCachingProvider";

        /** Whether other processes may write to the region: every provider but the in-process {@code ehcache}. */
        public boolean shared() {
            return !provider.equals(EHCACHE);
        }

        /** Without the secret: a record must not show it. */
        @Override
        public String toString() {
            return "CacheSettings[provider=" + provider + ", uri=" + uri + ", regionName=" + regionName
                    + ", hazelcast=" + hazelcast + ", secret=" + (secret.isPresent() ? "(set)" : "(none)")
                    + ", unauthenticated=" + unauthenticated + "]";
        }
    }

    /**
     * @param clusterName cluster to form or join
     * @param members     {@code host:port}: the cluster (client), or the members to join (member)
     * @param iface       the address a member binds
     * @param port        a member's port
     */
    public record HazelcastSettings(String clusterName, List<String> members, Optional<String> iface, int port) {
    }
}
