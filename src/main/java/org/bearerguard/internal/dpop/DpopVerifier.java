package org.bearerguard.internal.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bearerguard.internal.crypto.Signatures;
import org.bearerguard.internal.verify.SignatureCheck;

/**
 * Checks one DPoP proof against the request it came with: every check of RFC 9449 §4.3 that needs no shared state
 * (items 2 to 12). Left to the caller: that the request has one {@code DPoP} header (item 1); the {@code jti}
 * against replay (§11.1), with {@link ProofResult.Valid#replayKey()}; and the token's {@code cnf.jkt} against
 * {@link ProofResult.Valid#thumbprint()} (item 12, §6.1).
 *
 * <p>The cheap checks come first, so that garbage costs no signature check: size and shape, {@code typ}, {@code alg},
 * {@code crit}, the key, the claims and their fit with the request; then the signature; then the nonce, so that a
 * client is asked for a nonce only with a proof that is otherwise good.
 *
 * <p>Threads and locks: built once, immutable, called by any number of request threads at once. The signature checks
 * keep small pools of JCA {@code Signature} objects ({@link SignatureCheck}); there are no locks.
 */
public final class DpopVerifier {

    private final DpopPolicy policy;
    private final Clock clock;
    private final Map<String, SignatureCheck> signatures;
    private final Signatures providers;

    /** Proofs checked by the JDK's providers. */
    public DpopVerifier(DpopPolicy policy, Clock clock) {
        this(policy, clock, Signatures.JDK);
    }

    /** Proofs checked (and their keys made) by the providers of {@code bearer.signature-provider}. */
    public DpopVerifier(DpopPolicy policy, Clock clock, Signatures providers) {
        this.policy = policy;
        this.clock = clock;
        this.providers = providers;
        this.signatures = policy.algorithms().stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                alg -> SignatureCheck.forAlgorithm(alg, providers)));
    }

    /** The accepted algorithms in a fixed order, for the {@code algs} parameter of the challenge (RFC 9449 §7.1). */
    public List<String> algorithms() {
        return List.copyOf(new TreeSet<>(policy.algorithms()));
    }

    /**
     * Checks a proof.
     *
     * @param proof       the value of the request's one {@code DPoP} header
     * @param method      the request method, as received (RFC 9110 §9.1: case-sensitive)
     * @param targetUri   the request's target URI (RFC 9110 §7.1) as the client addressed it: absolute, query and
     *                    fragment allowed (they are ignored); behind a proxy, built from the configured external base
     * @param accessToken the access token the request presents, if any: then {@code ath} must be its hash
     */
    public ProofResult check(String proof, String method, String targetUri, Optional<String> accessToken) {
        return check(proof, method, targetUri, accessToken, Optional.empty());
    }

    /**
     * Checks a proof that must be by the key of this thumbprint (the token's {@code cnf.jkt}, RFC 9449 §6.1): a
     * proof by another key is refused as soon as its key is read, before any signature check, so that a stolen
     * token without its key costs no more than parsing.
     */
    public ProofResult check(String proof, String method, String targetUri, Optional<String> accessToken,
                             Optional<String> boundTo) {
        try {
            return valid(proof, method, targetUri, accessToken, boundTo);
        } catch (ProofException e) {
            return new ProofResult.Refused(e.reason());
        }
    }

    private ProofResult.Valid valid(String proof, String method, String targetUri, Optional<String> accessToken,
                                    Optional<String> boundTo) throws ProofException {
        var jws = ProofJws.parse(proof);
        var header = jws.header();
        if (!"dpop+jwt".equals(header.get("typ"))) {
            throw new ProofException(DpopReason.TYPE_NOT_ACCEPTED); // §4.3 item 4: exactly this type
        }
        if (!(header.get("alg") instanceof String alg)) {
            throw new ProofException(DpopReason.MALFORMED_PROOF);
        }
        var signature = signatures.get(alg);
        if (signature == null) {
            throw new ProofException(DpopReason.ALGORITHM_NOT_ACCEPTED); // none, HS*, or not in the allow-list
        }
        if (header.containsKey("crit")) {
            throw new ProofException(DpopReason.CRITICAL_HEADER); // RFC 7515 §4.1.11: we understand no extension
        }
        var key = ProofKey.from(header.get("jwk"), alg, providers, boundTo); // KEY_MISMATCH before the key is made
        var claims = ProofClaims.of(jws.claims());
        if (!claims.htm().equals(method)) {
            throw new ProofException(DpopReason.METHOD_MISMATCH);
        }
        var htu = TargetUri.normalise(claims.htu());
        if (htu == null || !htu.equals(TargetUri.normalise(targetUri))) {
            throw new ProofException(DpopReason.URI_MISMATCH);
        }
        var acceptedUntil = checkTime(claims.iat());
        if (accessToken.isPresent() && !claims.ath().map(ath -> hashes(ath, accessToken.get())).orElse(false)) {
            throw new ProofException(DpopReason.ACCESS_TOKEN_MISMATCH); // §4.3 item 12 (ath), §7.1
        }
        if (!signature.verify(jws.signingInput(), jws.signature(), key.key())) {
            throw new ProofException(DpopReason.BAD_SIGNATURE);
        }
        if (policy.nonces().isPresent()) {
            var nonce = claims.nonce().orElseThrow(() -> new ProofException(DpopReason.NONCE_REQUIRED));
            if (!policy.nonces().get().accepts(nonce)) {
                throw new ProofException(DpopReason.NONCE_NOT_ACCEPTED);
            }
        }
        return new ProofResult.Valid(key.thumbprint(), ReplayKey.of(htu, claims.jti(), key.thumbprint()),
                claims.iat(), acceptedUntil);
    }

    /**
     * §4.3 item 11: {@code iat} within [now - window - skew, now + skew] (§11.1).
     * Returns the last instant this {@code iat} passes.
     */
    private Instant checkTime(Instant iat) throws ProofException {
        var now = clock.instant();
        if (iat.isAfter(now.plus(policy.skew()))) {
            throw new ProofException(DpopReason.ISSUED_IN_FUTURE);
        }
        var acceptedUntil = iat.plus(policy.window()).plus(policy.skew());
        if (now.isAfter(acceptedUntil)) {
            throw new ProofException(DpopReason.TOO_OLD);
        }
        return acceptedUntil;
    }

    /** Whether {@code ath} is base64url(SHA-256(ASCII token)) (RFC 9449 §4.2); a token is ASCII (RFC 6750 §2.1). */
    private static boolean hashes(String ath, String accessToken) {
        for (int i = 0; i < accessToken.length(); i++) {
            if (accessToken.charAt(i) > 0x7F) {
                return false;
            }
        }
        var expected = Sha256.base64Url(accessToken.getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                ath.getBytes(StandardCharsets.UTF_8));
    }
}
