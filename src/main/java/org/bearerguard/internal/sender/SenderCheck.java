package org.bearerguard.internal.sender;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bearerguard.DpopMode;
import org.bearerguard.internal.dpop.DpopNonces;
import org.bearerguard.internal.dpop.DpopReason;
import org.bearerguard.internal.dpop.DpopVerifier;
import org.bearerguard.internal.dpop.ProofResult;
import org.bearerguard.internal.dpop.Replays;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.extract.Credentials;
import org.bearerguard.internal.verify.VerifiedPrincipal;

/**
 * Whether the request proves what its verified token is bound to, for every request (a token answered from the
 * token cache included):
 *
 * <ul>
 *   <li>{@code Authorization: DPoP} (RFC 9449 §7.1): one {@code DPoP} header whose proof passes every check of
 *       §4.3 ({@link DpopVerifier}), with {@code ath} of this token, by the key of the token's {@code cnf.jkt} (refused
 *       before any signature check otherwise), and
 *       never seen before ({@link Replays}); a token without {@code cnf.jkt} is refused;</li>
 *   <li>{@code Authorization: Bearer}: never with a {@code DPoP} header, never a token with {@code cnf.jkt}
 *       (§7.2), never where DPoP is required;</li>
 *   <li>{@code cnf.x5t#S256} (RFC 8705 §3), whatever the scheme: the connection's TLS client certificate has that
 *       thumbprint.</li>
 * </ul>
 *
 * The cheap request checks ({@link #checkShape}) come before the token is verified; the proof's signature after.
 * Threads: immutable; see {@link DpopVerifier} and the {@link Replays} store for theirs.
 */
public final class SenderCheck {

    /** A full replay store frees places as proofs age out: come back soon. */
    private static final Duration FULL_RETRY = Duration.ofSeconds(1);

    private final DpopVerifier proofs;
    private final Replays replays;
    private final Optional<DpopNonces> nonces;

    public SenderCheck(DpopVerifier proofs, Replays replays, Optional<DpopNonces> nonces) {
        this.proofs = proofs;
        this.replays = replays;
        this.nonces = nonces;
    }

    /** The accepted proof algorithms, for the challenge. */
    public List<String> algorithms() {
        return proofs.algorithms();
    }

    /**
     * What can be refused before the token is verified, where DPoP is understood ({@code mode} is not
     * {@link DpopMode#OFF}): more than one proof (400), a proof with a Bearer token (400), DPoP without a proof.
     */
    public void checkShape(Credentials credentials, RequestFacts request, DpopMode mode) throws BearerException {
        if (mode == DpopMode.OFF) {
            if (credentials.scheme() == Credentials.Scheme.DPOP) {
                throw BearerException.missingCredentials(); // not a scheme of ours here (RFC 6750 §3.1)
            }
            return;
        }
        if (request.dpopProofs().size() > 1) {
            throw BearerException.refused(Reason.MULTIPLE_DPOP_PROOFS); // §4.3 item 1
        }
        boolean proof = !request.dpopProofs().isEmpty();
        if (credentials.scheme() == Credentials.Scheme.BEARER && proof) {
            throw BearerException.refused(Reason.PROOF_WITH_BEARER);
        }
        if (credentials.scheme() == Credentials.Scheme.DPOP && !proof) {
            throw BearerException.refused(DpopReason.MISSING_PROOF);
        }
    }

    /**
     * The principal once the request has proven what the token is bound to.
     *
     * @param mode the DPoP mode for this token: the resource's, else its issuer's (never {@code CONFIGURED})
     * @param mtls whether certificate-bound tokens are checked for its issuer (else refused)
     */
    public VerifiedPrincipal prove(VerifiedPrincipal token, Credentials credentials, RequestFacts request,
                                   DpopMode mode, boolean mtls) throws BearerException {
        var cnf = token.confirmation();
        Optional<String> certificate = Optional.empty();
        if (cnf.x5tS256().isPresent()) {
            if (!mtls) {
                throw BearerException.refused(Reason.UNSUPPORTED_CONFIRMATION);
            }
            var presented = request.clientCertificate().get();
            if (presented.isEmpty() || !CertificateThumbprint.matches(presented.get(), cnf.x5tS256().get())) {
                throw BearerException.refused(Reason.CERTIFICATE_MISMATCH);
            }
            certificate = cnf.x5tS256();
        }
        if (credentials.scheme() == Credentials.Scheme.BEARER) {
            if (mode == DpopMode.REQUIRED) {
                throw BearerException.refused(Reason.DPOP_REQUIRED);
            }
            if (cnf.jkt().isPresent()) {
                throw BearerException.refused(Reason.SENDER_CONSTRAINED); // RFC 9449 §7.2
            }
            return token.proven(Optional.empty(), certificate);
        }
        if (mode == DpopMode.OFF) {
            throw BearerException.missingCredentials();
        }
        if (cnf.jkt().isEmpty()) {
            throw BearerException.refused(Reason.NOT_DPOP_BOUND);
        }
        var proof = proofs.check(request.dpopProofs().get(0), request.method(), request.targetUri().get(),
                Optional.of(token.getRawToken()), cnf.jkt());
        if (proof instanceof ProofResult.Refused refused) {
            throw refusal(refused.reason());
        }
        var valid = (ProofResult.Valid) proof; // by the key of cnf.jkt: the verifier refused any other
        switch (replays.firstUse(valid.replayKey(), valid.thumbprint(), valid.acceptedUntil())) {
            case FIRST -> {
            }
            case REPLAYED -> throw BearerException.refused(DpopReason.REPLAYED);
            case KEY_FULL -> throw BearerException.refused(DpopReason.TOO_MANY_PROOFS);
            case FULL -> throw BearerException.keysUnavailable(FULL_RETRY);
        }
        return token.proven(Optional.of(valid.thumbprint()), certificate);
    }

    /** A proof's refusal; {@code use_dpop_nonce} with a fresh nonce to retry with (RFC 9449 §9). */
    private BearerException refusal(DpopReason reason) {
        if (reason.code() == org.bearerguard.internal.error.ErrorCode.USE_DPOP_NONCE && nonces.isPresent()) {
            return new BearerException(new BearerError.Refused(reason, List.of(), Optional.of(nonces.get().issue())));
        }
        return BearerException.refused(reason);
    }
}
