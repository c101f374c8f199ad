package org.bearerguard.internal.verify;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.extract.BearerToken;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;
import org.bearerguard.internal.keys.KeySources;
import org.bearerguard.internal.observe.Recorder;

/**
 * Verifies a compact JWS. A token verified before is answered from the {@link TokenCache} (time window, issuer and
 * key re-checked). Otherwise: parsed once ({@link CompactJws}), header rules, issuer by the unverified {@code iss}
 * (an unknown or unaccepted issuer costs no network call), then that issuer's signature and claim checks.
 */
public final class TokenVerifier {

    private final Map<String, IssuerVerifier> issuers;
    private final Set<String> names;
    private final TokenCache cache;
    private final Clock clock;
    private final java.util.concurrent.atomic.LongAdder fullVerifications = new java.util.concurrent.atomic.LongAdder();
    /** The issuer whose introspection takes opaque tokens (at most one), or null: every token is a JWT. */
    private final IssuerVerifier introspecting;
    private final Introspection introspection;
    private final Recorder recorder;

    public TokenVerifier(BearerConfig config, KeySources keys, Clock clock) {
        this(config, keys, clock, null, Recorder.NONE);
    }

    /**
     * @param introspection where tokens of an issuer with {@code bearer.introspection} go; null when none has it
     * @param recorder      told of each cache lookup
     */
    public TokenVerifier(BearerConfig config, KeySources keys, Clock clock, Introspection introspection,
                         Recorder recorder) {
        this.recorder = recorder;
        var map = new LinkedHashMap<String, IssuerVerifier>();
        for (var issuer : config.issuers()) {
            var source = keys.forIssuer(issuer.issuer()).orElseThrow();
            map.put(issuer.issuer(), new IssuerVerifier(issuer, source, clock));
        }
        this.issuers = Map.copyOf(map);
        this.names = config.issuers().stream().map(i -> i.name()).collect(Collectors.toUnmodifiableSet());
        this.cache = new TokenCache(config.tokenCacheSize());
        this.clock = clock;
        this.introspecting = introspection == null ? null : issuers.values().stream()
                .filter(i -> i.introspection() != null).findFirst().orElse(null);
        this.introspection = introspecting == null ? null : introspection;
    }

    /** How many tokens were verified in full (not answered from the cache) so far. */
    public long fullVerifications() {
        return fullVerifications.sum();
    }

    /** How many verified tokens are cached now. */
    public int cachedTokens() {
        return cache.size();
    }

    /** Names of the configured issuers. */
    public Set<String> issuerNames() {
        return names;
    }

    /**
     * A refusal names the configured issuer whose token it refuses ({@link BearerException#issuer()}), where the
     * token's {@code iss} is one.
     *
     * @param acceptedIssuers names of the issuers whose tokens are accepted here; empty: every configured issuer
     */
    public VerifiedPrincipal verify(BearerToken scanned, Set<String> acceptedIssuers) throws BearerException {
        var token = scanned.value();
        var cached = cache.get(token);
        if (cached != null) {
            VerifiedPrincipal hit;
            try {
                hit = fromCache(token, cached, acceptedIssuers);
            } catch (BearerException refused) {
                recorder.cacheLookup(true);
                throw refused.of(cached.issuer().name());
            }
            if (hit != null) {
                recorder.cacheLookup(true);
                return hit;
            }
        }
        recorder.cacheLookup(false);
        fullVerifications.increment();
        if (introspecting != null) {
            return verifyOrIntrospect(scanned, acceptedIssuers);
        }
        return verifyJws(token, CompactJws.parse(scanned), acceptedIssuers);
    }

    /**
     * With an issuer that introspects: a compact JWS is verified as usual (an unknown issuer's refused without a
     * call), unless its issuer introspects its JWTs too: then its type is checked, its signature before any call, and
     * it is introspected. A token that looks like a JWS (a JSON object in its first segment, however spelled and
     * however many dots follow, unless it is a JWE header) is one: if it does not parse strictly, it is refused,
     * never sent as opaque. Anything else (a JWE, or no JSON inside: a reference token, PASETO) is an opaque token of
     * the introspecting issuer.
     */
    private VerifiedPrincipal verifyOrIntrospect(BearerToken scanned, Set<String> acceptedIssuers)
            throws BearerException {
        CompactJws jws = null;
        if (scanned.isCompactJws()) {
            try {
                jws = CompactJws.parse(scanned); // the common case: the header decoded and read once
            } catch (BearerException notStrictly) {
                if (looksLikeJws(scanned)) {
                    throw notStrictly;
                }
            }
        } else if (looksLikeJws(scanned)) {
            throw BearerException.refused(Reason.MALFORMED_TOKEN); // a JWS spelled otherwise: never sent as opaque
        }
        if (jws != null) {
            var issuer = issuerOf(jws.claims());
            if (issuer == null || !issuer.introspectsJwts()) {
                return verifyJws(scanned.value(), jws, acceptedIssuers);
            }
        }
        if (!accepts(acceptedIssuers, introspecting)) {
            throw BearerException.refused(Reason.ISSUER_NOT_TRUSTED); // before any network call
        }
        try {
            return introspect(scanned, jws);
        } catch (BearerException refused) {
            throw refused.of(introspecting.name());
        }
    }

    private VerifiedPrincipal introspect(BearerToken scanned, CompactJws jws) throws BearerException {
        if (jws == null) {
            return introspection.introspect(scanned.value(), introspecting.introspection(), Confirmation.NONE,
                    Introspection.BeforeCall.NOTHING);
        }
        var header = jws.header();
        var alg = HeaderRules.algorithm(header);
        HeaderRules.check(header);
        var signed = introspecting.checkType(jws);
        var checked = jws;
        return introspection.introspect(scanned.value(), introspecting.introspection(), signed,
                () -> introspecting.checkSignature(checked, alg, HeaderRules.keyId(header)));
    }

    /**
     * For a token that is no strict compact JWS only (the lenient look costs a copy and a parse of the first
     * segment): a first segment that decodes, in any base64 spelling, to a JSON object without {@code enc} (which only a JWE
     * header has, RFC 7516 §4.1.2), and a dot after it: a JWS however written (padding, {@code +} and {@code /},
     * non-zero trailing bits, dots added or missing), which an authorization server might still read as the JWT it
     * was issued as. A header that is not even JSON, but starts like one, counts as a JWS too: refused, never sent.
     */
    private static boolean looksLikeJws(BearerToken scanned) {
        if (scanned.dots() == 0) {
            return false;
        }
        var first = scanned.value().substring(0, scanned.firstDot()).replace('+', '-').replace('/', '_')
                .replace("=", "");
        byte[] header;
        try {
            header = java.util.Base64.getUrlDecoder().decode(first.substring(0, first.length()
                    - (first.length() % 4 == 1 ? 1 : 0)));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (header.length == 0 || header[0] != '{') {
            return false;
        }
        try {
            return !JsonReader.readObject(header, CompactJws.MAX_HEADER_MEMBERS).containsKey("enc");
        } catch (JsonException notJson) {
            return true;
        }
    }

    private VerifiedPrincipal verifyJws(String token, CompactJws jws, Set<String> acceptedIssuers)
            throws BearerException {
        var alg = HeaderRules.algorithm(jws.header());
        HeaderRules.check(jws.header());
        var kid = HeaderRules.keyId(jws.header());
        var issuer = issuerOf(jws.claims());
        // checked before any key is looked up: a token of an issuer not accepted here costs nothing
        if (issuer == null || !accepts(acceptedIssuers, issuer)) {
            throw BearerException.refused(Reason.ISSUER_NOT_TRUSTED).of(issuer == null ? null : issuer.name());
        }
        IssuerVerifier.Verified verified;
        try {
            verified = issuer.verify(jws, alg, kid);
        } catch (BearerException refused) {
            throw refused.of(issuer.name());
        }
        var window = verified.window();
        cache.put(token, new TokenCache.Entry(verified.identity(), issuer, verified.key(), verified.kid(),
                verified.alg(), window.acceptFrom(), window.acceptUntil()), clock.instant());
        return principal(verified.identity(), jws.claims().map(), token);
    }

    /** The cached principal, or null when the entry no longer stands and the token must be verified afresh. */
    private VerifiedPrincipal fromCache(String token, TokenCache.Entry entry, Set<String> acceptedIssuers)
            throws BearerException {
        var now = clock.instant();
        if (!now.isBefore(entry.expiresAt())) {
            cache.remove(token, entry);
            throw BearerException.refused(Reason.EXPIRED);
        }
        if (entry.notBefore() != null && now.isBefore(entry.notBefore())) {
            throw BearerException.refused(Reason.NOT_YET_VALID);
        }
        if (!accepts(acceptedIssuers, entry.issuer())) {
            throw BearerException.refused(Reason.ISSUER_NOT_TRUSTED);
        }
        if (!entry.issuer().stillTrusted(entry.kid(), entry.alg(), entry.key())) {
            cache.remove(token, entry); // its key left the key set, or the keys are past their staleness
            return null;
        }
        return principal(entry.identity(), null, token);
    }

    /** {@code claims} null: read from the token when the application first asks (a cache hit never parses). */
    private static VerifiedPrincipal principal(ClaimsMapper.Identity id, Map<String, Object> claims, String token) {
        return new VerifiedPrincipal(id, claims, token);
    }

    private static boolean accepts(Set<String> acceptedIssuers, IssuerVerifier issuer) {
        return acceptedIssuers.isEmpty() || acceptedIssuers.contains(issuer.name());
    }

    private IssuerVerifier issuerOf(Claims claims) throws BearerException {
        var iss = claims.string("iss");
        return iss == null ? null : issuers.get(iss);
    }
}
