package org.bearerguard.internal.config;

import java.util.Optional;

/**
 * Every configuration property, with its default and meaning: the one place the README table is checked against.
 *
 * <p>Names are MicroProfile Config keys; environment variables follow MicroProfile Config's mapping
 * ({@code bearer.jwks.min-refresh-interval} → {@code BEARER_JWKS_MIN_REFRESH_INTERVAL}). Durations take
 * ISO-8601 ({@code PT30S}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}).
 * Every duration and number has bounds ({@link #range()}), which its description states.
 */
public enum Property {
    ISSUER("bearer.issuer", null,
            "Issuer URL, compared exactly with the token's `iss`; discovery starts here. "
                    + "Required unless issuers are named under `bearer.issuers.<name>.issuer`."),
    ISSUERS("bearer.issuers", null,
            "Comma-separated issuer names, for environments that cannot list property names (environment "
                    + "variables): `BEARER_ISSUERS=kc,auth0` with `BEARER_ISSUERS_KC_ISSUER=…`."),
    JWKS_URI("bearer.jwks-uri", null,
            "JWKS URL; when set, discovery is skipped."),
    AUDIENCE("bearer.audience", null,
            "Comma-separated; the token's `aud` must contain one of them (RFC 9068 §4). Required for every issuer "
                    + "(a named issuer inherits the top-level one) unless its `audience-check` is `off`."),
    AUDIENCE_CHECK("bearer.audience-check", "on",
            "`off`: the issuer's tokens are accepted whatever their `aud` (a warning at start names the issuer); its "
                    + "own `audience` must then be unset. Only for an issuer that cannot name this API in `aud`. "
                    + "Never inherited: each named issuer opts out itself "
                    + "(`bearer.issuers.<name>.audience-check=off`)."),
    REQUIRE_AT_JWT("bearer.require-at-jwt", "false",
            "`true`: only tokens whose header `typ` is `at+jwt` or `application/at+jwt` are accepted (RFC 9068 §2.1). "
                    + "Use it for an issuer that marks its access tokens so (e.g. Auth0, Okta or Entra ID set up to), "
                    + "where an ID token of the same client would otherwise carry the same `aud`. Whatever it is, a "
                    + "payload `typ` other than `Bearer` or `DPoP` (Keycloak's `ID`, `Refresh`, `Logout`, `Offline`) "
                    + "is refused."),
    ALGORITHMS("bearer.algorithms", "RS256,RS384,RS512,PS256,PS384,PS512,ES256,ES384,ES512,EdDSA",
            "Accepted `alg` values. `none` is never accepted; HS256/384/512 only with `bearer.shared-secret`. A named "
                    + "issuer inherits this list without its HS* entries."),
    SIGNATURE_PROVIDER("bearer.signature-provider", "auto",
            "Who checks signatures: `auto` takes a faster provider the application has on its class path (ACCP, "
                    + "Conscrypt; BouncyCastle for ES* and EdDSA) for each key type it passes a self-test for at start, else the "
                    + "JDK; `jdk`; or a provider's name (`AmazonCorrettoCryptoProvider`, `Conscrypt`, `BC`, or one "
                    + "registered with the JVM), which must be there. For all issuers and DPoP proofs alike."),
    SHARED_SECRET("bearer.shared-secret", null,
            "HMAC secret (UTF-8) for HS* tokens, at least as long as the hash (RFC 7518 §3.2): 32 bytes for HS256, 48 "
                    + "with HS384, 64 with HS512. Unset: no HMAC token is ever accepted. Never "
                    + "inherited: a named issuer accepts HMAC only with its own secret and its own `algorithms`."),
    CLOCK_SKEW("bearer.clock-skew", "60s", "0s", "10m",
            "Tolerance for `exp`, `nbf` and `iat`."),
    PRINCIPAL_CLAIM("bearer.principal-claim", "preferred_username",
            "Claim used as the principal name; `sub` when the token lacks it."),
    ROLES_CLAIM("bearer.roles-claim", "groups,roles,realm_access.roles",
            "Comma-separated dotted paths to string or string-array claims, merged. "
                    + "With `bearer.client-id`, `resource_access.<client-id>.roles` is added to the default."),
    CLIENT_ID("bearer.client-id", null,
            "This resource server's client id at the issuer (for `resource_access.<client-id>.roles`)."),
    DPOP("bearer.dpop", "allowed",
            "DPoP-bound tokens (RFC 9449): `allowed` (Bearer tokens, and DPoP-bound tokens with a valid proof), "
                    + "`required` (only DPoP), `off` (`Authorization: DPoP` not understood). Whatever it is, a "
                    + "DPoP-bound token is never accepted as a Bearer token. `@BearerProtected(dpop = …)` overrides it "
                    + "per resource. See [Sender-constrained tokens](#sender-constrained-tokens)."),
    MTLS("bearer.mtls", "on",
            "Certificate-bound tokens (RFC 8705 §3): `on`, a token with `cnf.x5t#S256` is accepted only over a "
                    + "connection whose TLS client certificate has that thumbprint; `off`, such tokens are refused."),
    DPOP_ALGORITHMS("bearer.dpop.algorithms", "ES256,ES384,ES512,EdDSA,PS256,PS384,PS512,RS256,RS384,RS512",
            "Accepted DPoP proof algorithms (asymmetric only), also sent as `algs` in the `DPoP` challenge."),
    DPOP_PROOF_WINDOW("bearer.dpop.proof-window", "60s", "1s", "10m",
            "How long after its `iat` a proof is accepted; the replay cache remembers each proof this long "
                    + "(plus twice the skew)."),
    DPOP_CLOCK_SKEW("bearer.dpop.clock-skew", "10s", "0s", "5m",
            "Tolerance for a proof's `iat`, on both sides of the window."),
    DPOP_NONCE("bearer.dpop.nonce", "false",
            "`true`: every proof must carry a server nonce (RFC 9449 §9); a proof without one, or with a stale one, "
                    + "gets 401 `use_dpop_nonce` and a fresh `DPoP-Nonce`. Nonces are stateless (a time step and an "
                    + "HMAC), so every node with the same secret accepts every node's nonces."),
    DPOP_NONCE_STEP("bearer.dpop.nonce-step", "60s", "1s", "1h",
            "A nonce is accepted during the step it was issued in and the next one."),
    DPOP_NONCE_SECRET("bearer.dpop.nonce-secret", null,
            "Key (UTF-8, at least 32 bytes) that authenticates nonces, the same on every node; unset, "
                    + "`bearer.cache.secret`, and with neither (only with `ehcache`) a random key per process. Never "
                    + "logged."),
    DPOP_EXTERNAL_BASE_URL("bearer.dpop.external-base-url", null,
            "The application's base URL as clients address it (e.g. `https://api.example.com/shop/api`), behind a "
                    + "reverse proxy: a proof's `htu` is compared with it plus the request path below the "
                    + "application's own base. Unset: the request URI as the server received it. Forwarded headers "
                    + "are never used."),
    DPOP_REPLAY_CACHE_NAME("bearer.dpop.replay.name", "bearer-guard-dpop-replay",
            "JCache region remembering used proofs, on the provider of `bearer.cache.provider` (with `ehcache`, the "
                    + "process's own store only); its name gets the entries' lifetime appended "
                    + "(`bearer-guard-dpop-replay 81s`). Not `bearer.cache.name`."),
    DPOP_REPLAY_MAX_ENTRIES("bearer.dpop.replay.max-entries", "100000", "100", "10000000",
            "Proofs one process remembers at most at once; when full, DPoP requests get 503 until proofs age out "
                    + "of the window (fail closed)."),
    DPOP_REPLAY_MAX_PER_KEY("bearer.dpop.replay.max-per-key", "10000", "1", "10000000",
            "Proofs of one DPoP key one process remembers at most at once; beyond it, 401 `invalid_dpop_proof` "
                    + "for that key."),
    INTROSPECTION("bearer.introspection", "off",
            "Token introspection (RFC 7662) at this issuer: `off`; `opaque`, tokens that are not a compact JWS of a "
                    + "configured issuer are introspected here (one issuer at most may take them); `all`, this issuer's "
                    + "JWTs too, their signature checked first and their claims taken from introspection (Keycloak "
                    + "lightweight access tokens). Never inherited. See "
                    + "[Opaque tokens and introspection](#opaque-tokens-and-introspection)."),
    INTROSPECTION_ENDPOINT("bearer.introspection.endpoint", null,
            "Introspection endpoint URL; unset: `introspection_endpoint` of the issuer's discovery document. Never "
                    + "inherited."),
    INTROSPECTION_CLIENT_ID("bearer.introspection.client-id", null,
            "Client id this resource server authenticates with at the introspection endpoint. Required with "
                    + "`introspection`; never inherited."),
    INTROSPECTION_CLIENT_SECRET("bearer.introspection.client-secret", null,
            "That client's secret (environment variable `BEARER_INTROSPECTION_CLIENT_SECRET`). Required with "
                    + "`introspection`; never inherited, never logged."),
    INTROSPECTION_CLIENT_AUTH("bearer.introspection.client-auth", "client_secret_basic",
            "How the client authenticates (RFC 6749 §2.3.1): `client_secret_basic` (HTTP Basic) or "
                    + "`client_secret_post` (form parameters)."),
    INTROSPECTION_CACHE_TIME("bearer.introspection.cache-time", "60s", "1s", "1h",
            "Longest an active result is kept (never past the token's `exp`): a token revoked at the issuer is "
                    + "still accepted for up to this long."),
    INTROSPECTION_INACTIVE_CACHE_TIME("bearer.introspection.inactive-cache-time", "10s", "0s", "5m",
            "How long an inactive result (`\"active\": false`) is kept; `0s`: not kept."),
    INTROSPECTION_RATE_LIMIT("bearer.introspection.rate-limit", "50", "1", "100000",
            "Introspection calls per second one process makes to this issuer at most (bursts of as many); a "
                    + "token that would need one more gets 503 with `Retry-After: 1`."),
    RESOURCE("bearer.resource", null,
            "This application's resource identifier (RFC 9728 §1.2): its context root as clients address it, an https "
                    + "URL (http only for loopback hosts) without trailing slash, query or fragment, e.g. "
                    + "`https://api.example.com/shop`. Set, it switches on protected resource metadata (served at "
                    + "`<context root>/.well-known/oauth-protected-resource`) and `resource_metadata` in every 401 and "
                    + "403, and becomes the default audience: a token's `aud` must contain the identifier of the "
                    + "resource it is used at (RFC 8707). See [MCP servers](#mcp-servers)."),
    RESOURCE_PATHS("bearer.resource.paths", null,
            "Comma-separated paths below the context root that are resources of their own (`/mcp,/api/orders`): "
                    + "identifier `bearer.resource` + path, metadata at "
                    + "`<context root>/.well-known/oauth-protected-resource` + path. A request belongs to the longest "
                    + "path it is at or below, else to `bearer.resource` itself."),
    RESOURCE_SCOPES("bearer.resource.scopes", null,
            "Comma-separated scopes to list in `scopes_supported` besides those that `@BearerProtected` and "
                    + "`bearer.servlet.scopes` require."),
    RESOURCE_NAME("bearer.resource.name", null,
            "`resource_name` of the metadata: a human-readable name of this API."),
    RESOURCE_DOCUMENTATION("bearer.resource.documentation", null,
            "`resource_documentation` of the metadata: an https URL of documentation for developers."),
    SCOPE_IMPLICATIONS("bearer.scope-implications", null,
            "A scope hierarchy for the scopes resources require: `;`-separated rules `granted -> implied …`, e.g. "
                    + "`orders:write -> orders:read; orders:admin -> orders:*`. An implied scope ending in `*` covers "
                    + "every scope that starts with what comes before the `*`; rules chain. Unset: a required scope "
                    + "is met only by itself. The principal's scopes, `scopes_supported` and challenges stay exact."),
    SERVLET_PATHS("bearer.servlet.paths", null,
            "Comma-separated servlet paths below the context root guarded by bearer-guard's servlet filter, for "
                    + "servlets that are not JAX-RS resources (the MCP Java SDK's transport): `/mcp` (that path) or "
                    + "`/mcp/*` (it and everything below). See [MCP servers](#mcp-servers)."),
    SERVLET_SCOPES("bearer.servlet.scopes", null,
            "Comma-separated scopes every request to `bearer.servlet.paths` needs, all of them."),
    SERVLET_MCP_TOOL_SCOPES("bearer.servlet.mcp-tool-scopes", null,
            "Scopes an MCP tool call needs besides `bearer.servlet.scopes`: `;`-separated `tool -> scope …`, e.g. "
                    + "`list_orders -> orders:read`. Set, the filter reads each JSON-RPC request to "
                    + "`bearer.servlet.paths` (up to `bearer.servlet.max-body-bytes`) and answers a `tools/call` of a "
                    + "listed tool without them with 403 `insufficient_scope`; a body it cannot read gets 400."),
    SERVLET_MAX_BODY_BYTES("bearer.servlet.max-body-bytes", "1048576", "1024", "67108864",
            "Largest request body the servlet filter reads to find an MCP tool call; longer → 413."),
    JAKARTA_SECURITY("bearer.jakarta-security", "off",
            "`on`: once a request to a `@BearerProtected` resource or a `bearer.servlet.paths` path is verified, "
                    + "the container knows its caller (Jakarta Security): `@RolesAllowed` on EJBs and CDI beans is "
                    + "enforced with the token's roles, `getCallerPrincipal()`/`getUserPrincipal()` are the bearer "
                    + "principal. OpenLiberty needs `appSecurity-5.0`. Stands down (a warning at start) where the "
                    + "application activates the server's MicroProfile JWT. See "
                    + "[The container knows the caller](#the-container-knows-the-caller)."),
    TOKEN_COOKIE("bearer.token-cookie", null,
            "Name of a cookie to read the token from when a request has no `Authorization` header (MicroProfile "
                    + "JWT's `mp.jwt.token.header=Cookie`). Unset: tokens come in the `Authorization` header only. A "
                    + "browser sends cookies with every request, cross-site ones included: set the cookie `Secure`, "
                    + "`HttpOnly` and `SameSite=Strict`, name it with the `__Host-` prefix (so no sibling host can set "
                    + "it), and serve such resources over HTTPS only (RFC 6750 §5.3)."),
    REALM("bearer.realm", "bearer-guard",
            "`realm` in `WWW-Authenticate`."),
    MAX_TOKEN_LENGTH("bearer.max-token-length", "16384", "256", "1048576",
            "Longest accepted token in characters; longer → 400 `invalid_request`."),
    TOKEN_CACHE_SIZE("bearer.token-cache.size", "10000", "0", "1000000",
            "Verified tokens kept per issuer, so a repeated token costs a lookup (expiry, issuer and key re-checked "
                    + "on every hit); 0 switches the cache off."),
    MIN_REFRESH_INTERVAL("bearer.jwks.min-refresh-interval", "30s", "1s", "1d",
            "An unknown `kid` triggers at most one JWKS refresh per this interval."),
    RETRY_INTERVAL("bearer.jwks.retry-interval", "5s", "100ms", "1h",
            "First wait after a failed fetch; with no keys at hand, requests get 503 until it has passed."),
    MAX_BACKOFF("bearer.jwks.max-backoff", "5m", "100ms", "1d",
            "During an outage, the wait between refresh attempts doubles from `retry-interval` up to this; no shorter "
                    + "than `retry-interval`."),
    MAX_STALENESS("bearer.jwks.max-staleness", "12h", "1s", "30d",
            "How long past its expiry a key set keeps serving while the issuer cannot be reached; after that, 503."),
    FETCH_AT_STARTUP("bearer.jwks.fetch-at-startup", "true",
            "Fetch keys in the background as the application starts (start-up never waits for the issuer)."),
    DEFAULT_TTL("bearer.jwks.default-ttl", "5m", "1s", "30d",
            "How long a JWKS is fresh when the response has no `Cache-Control: max-age`; within `min-ttl`..`max-ttl`."),
    MIN_TTL("bearer.jwks.min-ttl", "1m", "1s", "30d",
            "Lower bound for a `max-age` from the issuer."),
    MAX_TTL("bearer.jwks.max-ttl", "24h", "1s", "30d",
            "Upper bound for a `max-age` from the issuer; no shorter than `min-ttl`."),
    MAX_RESPONSE_BYTES("bearer.jwks.max-response-bytes", "262144", "1024", "16777216",
            "Largest discovery or JWKS response read."),
    CONNECT_TIMEOUT("bearer.http.connect-timeout", "3s", "100ms", "5m",
            "Connect timeout for discovery and JWKS requests."),
    READ_TIMEOUT("bearer.http.read-timeout", "5s", "100ms", "5m",
            "Time allowed for a whole discovery or JWKS response."),
    HEALTH_START_GRACE("bearer.health.start-grace", "1m", "0s", "1h",
            "With MicroProfile Health: how long after the application starts an issuer may have no keys yet. Until "
                    + "then its entry is `loading` (readiness and startup DOWN); after it, "
                    + "an issuer still without keys is `no keys` (DOWN) and the startup check no longer waits. See "
                    + "[Operating bearer-guard](#operating-bearer-guard)."),
    HEALTH_READINESS_DOWN("bearer.health.readiness-down", "true",
            "With MicroProfile Health: `false` keeps the readiness check `bearer-guard` UP whatever the keys, each "
                    + "issuer's state still in its entry, so that no probe takes the application out of service "
                    + "because an authorization server is down."),
    CACHE_PROVIDER("bearer.cache.provider", "ehcache",
            "Where key sets are kept: `ehcache` (embedded, this process), `hazelcast` (an embedded Hazelcast member), "
                    + "`hazelcast-client` (a client of a Hazelcast cluster), `payara` (Payara's data grid, JNDI "
                    + "`payara/CacheManager`), or a JCache `CachingProvider` class name."),
    CACHE_URI("bearer.cache.uri", null,
            "With a provider class: its `CacheManager` URI (unset: the provider's default). With `hazelcast` or "
                    + "`hazelcast-client`: a Hazelcast configuration file (`classpath:hazelcast-client.yaml`, "
                    + "`file:/etc/hazelcast.xml`) used instead of the `bearer.cache.hazelcast.*` properties."),
    CACHE_NAME("bearer.cache.name", "bearer-guard-jwks",
            "JCache region holding the fetched key sets, the fetch lease and the unknown-`kid` allowance."),
    CACHE_SECRET("bearer.cache.secret", null,
            "Key (UTF-8, at least 32 bytes) that authenticates every entry bearer-guard writes to the region "
                    + "(HMAC-SHA-256 over the entry's name and value); an entry that fails is ignored. Required, the "
                    + "same on every node, with every provider but `ehcache`; treat it like a signing key (environment "
                    + "variable `BEARER_CACHE_SECRET`). Never logged. See [Trust model](#trust-model)."),
    CACHE_UNAUTHENTICATED("bearer.cache.unauthenticated", "false",
            "`true`: a shared cache without `bearer.cache.secret`; entries are neither authenticated nor checked for "
                    + "it, so whoever can write to the cache can install signing keys for every node (a warning at "
                    + "start says so). Only for a cache nobody else can reach; contradicts `bearer.cache.secret`."),
    HAZELCAST_CLUSTER_NAME("bearer.cache.hazelcast.cluster-name", "bearer-guard",
            "Hazelcast cluster to form (`hazelcast`) or join (`hazelcast-client`)."),
    HAZELCAST_MEMBERS("bearer.cache.hazelcast.members", null,
            "Comma-separated `host:port`. `hazelcast-client`: the cluster's members (default `127.0.0.1:5701`). "
                    + "`hazelcast`: the other members to join over TCP/IP (unset: this member alone)."),
    HAZELCAST_INTERFACE("bearer.cache.hazelcast.interface", null,
            "`hazelcast`: the address the member binds and announces, e.g. `10.0.0.5`. Unset: `127.0.0.1` (reachable "
                    + "from this machine only) unless `members` are listed; with them, Hazelcast's choice (every "
                    + "interface)."),
    HAZELCAST_PORT("bearer.cache.hazelcast.port", "5701", "1", "65535",
            "`hazelcast`: the member's port (the next free one above it when taken).");

    /** Prefix of a named issuer's properties: {@code bearer.issuers.<name>.<suffix>}. */
    public static final String ISSUERS_PREFIX = "bearer.issuers.";

    private final String key;
    private final String defaultValue;
    private final Optional<Range> range;
    private final String description;

    Property(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.range = Optional.empty();
        this.description = description;
    }

    Property(String key, String defaultValue, String min, String max, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.range = Optional.of(new Range(min, max));
        this.description = description + " From `" + min + "` to `" + max + "`.";
    }

    /**
     * The smallest and largest value accepted, both included, as written in the README: a duration or a whole number.
     * Every duration and number has one, so that no value overflows at run time or switches a protection off.
     */
    public record Range(String min, String max) {
    }

    public String key() {
        return key;
    }

    /** The default as written in the README, or {@code null} when the property has none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What the README table says, bounds included. */
    public String description() {
        return description;
    }

    /** The bounds of a duration or number; empty for any other property. */
    public Optional<Range> range() {
        return range;
    }

    /**
     * Whether a named issuer may set this property for itself ({@code bearer.issuers.<name>.<suffix>}, falling back
     * to {@code bearer.<suffix>}, then the default).
     */
    public boolean perIssuer() {
        return this != ISSUERS && this != REALM && this != MAX_TOKEN_LENGTH && this != TOKEN_CACHE_SIZE
                && this != JAKARTA_SECURITY && this != TOKEN_COOKIE && this != SIGNATURE_PROVIDER
                && !key.startsWith("bearer.cache.") && !key.startsWith("bearer.dpop.")
                && !key.startsWith("bearer.resource") && !key.startsWith("bearer.servlet.")
                && !key.startsWith("bearer.health.")
                && this != SCOPE_IMPLICATIONS;
    }

    /**
     * Whether a named issuer that does not set this property takes the top-level value. Never for what identifies
     * an issuer, opts out of a check or signs its tokens: the issuer URL, its JWKS URL, the audience check, the HMAC
     * secret; nor for where its tokens are introspected and with which client. (A named issuer inherits {@code bearer.algorithms} without its HS* entries.)
     */
    public boolean inherited() {
        return perIssuer() && this != ISSUER && this != JWKS_URI && this != AUDIENCE_CHECK && this != SHARED_SECRET
                && this != INTROSPECTION && this != INTROSPECTION_ENDPOINT && this != INTROSPECTION_CLIENT_ID
                && this != INTROSPECTION_CLIENT_SECRET;
    }

    /** The key without {@code bearer.}, e.g. {@code jwks.min-refresh-interval}. */
    public String suffix() {
        return key.substring("bearer.".length());
    }
}
