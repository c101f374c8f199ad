package org.bearerguard.internal.config;

import static org.bearerguard.internal.config.Property.*;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bearerguard.internal.crypto.Signatures;

/**
 * Reads what decides signatures: an issuer's {@code bearer.algorithms} and the length of its shared secret, and
 * {@code bearer.signature-provider} (who checks them, for every issuer and DPoP proof).
 */
final class SignatureSettingsReader {

    private static final Set<String> KNOWN_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
            "HS256", "HS384", "HS512");

    private SignatureSettingsReader() {
    }

    /** The signature providers of {@code bearer.signature-provider}, chosen (and self-tested) once per value. */
    static Signatures providers(PropertyValues global) {
        var setting = global.string(SIGNATURE_PROVIDER).trim();
        try {
            return Signatures.forSetting(setting.equalsIgnoreCase("auto") || setting.equalsIgnoreCase("jdk")
                    ? setting.toLowerCase(Locale.ROOT) : setting);
        } catch (IllegalArgumentException e) {
            throw new BearerConfigException(e.getMessage());
        }
    }

    /**
     * The accepted algorithms. A named issuer that inherits the top-level list drops its HS* entries: an HMAC secret
     * belongs to one issuer, and another issuer's tokens signed with it must never pass.
     */
    static Set<String> algorithms(PropertyValues v, boolean haveSecret) {
        var inherited = !v.isTopLevel() && v.own(ALGORITHMS).isEmpty();
        var listed = ConfigReader.list(v.string(ALGORITHMS));
        if (inherited) {
            var withoutHmac = listed.stream().filter(alg -> !alg.startsWith("HS")).toList();
            if (withoutHmac.isEmpty() && !listed.isEmpty()) {
                throw new BearerConfigException(v.key(ALGORITHMS) + " must be set: " + ALGORITHMS.key()
                        + " names only HMAC algorithms, which a named issuer never inherits");
            }
            listed = withoutHmac;
        }
        var algorithms = new LinkedHashSet<String>();
        for (var alg : listed) {
            if (!KNOWN_ALGORITHMS.contains(alg)) {
                throw v.invalid(ALGORITHMS, "a list of " + String.join(", ", new TreeSet<>(KNOWN_ALGORITHMS))
                        + " (got '" + alg + "')");
            }
            if (alg.startsWith("HS") && !haveSecret) {
                throw new BearerConfigException(v.key(ALGORITHMS) + " names " + alg + ", which needs "
                        + v.key(SHARED_SECRET) + ": HMAC is never accepted without an explicit shared secret");
            }
            algorithms.add(alg);
        }
        if (algorithms.isEmpty()) {
            throw v.invalid(ALGORITHMS, "at least one algorithm");
        }
        return Set.copyOf(algorithms);
    }

    /** RFC 7518 §3.2: a key at least as long as the hash output (HS384: 48 bytes) for the longest HS* listed. */
    static void checkSecretLength(PropertyValues v, int bytes, Set<String> algorithms) {
        var strongest = algorithms.stream().filter(alg -> alg.startsWith("HS")).max(Comparator.naturalOrder());
        if (strongest.isPresent() && bytes < hashBytes(strongest.get())) {
            throw v.invalid(SHARED_SECRET, "at least " + hashBytes(strongest.get()) + " bytes for " + strongest.get()
                    + " (RFC 7518 §3.2)");
        }
    }

    private static int hashBytes(String hmacAlgorithm) {
        return Integer.parseInt(hmacAlgorithm.substring(2)) / 8;
    }
}
