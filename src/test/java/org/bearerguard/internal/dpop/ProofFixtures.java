package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The verifier most tests use, and shorthands for what they assert. */
final class ProofFixtures {

    static final String METHOD = "GET";
    static final String URI = "https://api.example/orders";
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final Duration SKEW = Duration.ofSeconds(5);

    private ProofFixtures() {
    }

    static DpopVerifier verifier(Clock clock) {
        return verifier(clock, DpopPolicy.SUPPORTED, Optional.empty());
    }

    static DpopVerifier verifier(Clock clock, Set<String> algorithms, Optional<DpopNonces> nonces) {
        return new DpopVerifier(new DpopPolicy(algorithms, WINDOW, SKEW, nonces), clock);
    }

    /** The result for a request with {@link #METHOD} and {@link #URI}, without an access token. */
    static ProofResult check(DpopVerifier verifier, String proof) {
        return verifier.check(proof, METHOD, URI, Optional.empty());
    }

    /**
     * The same base64url text with the lowest padding bit of its last character set: the same bytes for a lenient
     * decoder (the JDK's), another spelling for a strict one. For texts whose length is not a multiple of four.
     */
    static String withPaddingBitSet(String base64url) {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = base64url.length() - 1;
        return base64url.substring(0, last) + alphabet.charAt(alphabet.indexOf(base64url.charAt(last)) | 1);
    }

    static ProofResult.Valid valid(ProofResult result) {
        assertThat(result).isInstanceOf(ProofResult.Valid.class);
        return (ProofResult.Valid) result;
    }

    static DpopReason refusal(ProofResult result) {
        assertThat(result).isInstanceOf(ProofResult.Refused.class);
        return ((ProofResult.Refused) result).reason();
    }
}
