package org.bearerguard.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.KeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which provider checks each {@link KeyFamily}'s signatures: chosen once per {@code bearer.signature-provider}
 * setting ({@link ProviderChoice}), for the life of the application; the JDK's default providers for every family
 * no other provider was chosen for. Immutable.
 *
 * <p>Keys are made for their family's provider when a key set is installed ({@link #translate}) or a DPoP proof's
 * key is read ({@link #generate}), so that a provider never converts a foreign key on the request path.
 */
public final class Signatures {

    /** The JDK for everything: {@code bearer.signature-provider=jdk}. */
    public static final Signatures JDK = new Signatures(Map.of());

    /** One choice per setting: the class path does not change while the application runs. */
    private static final Map<String, Signatures> CHOSEN = new ConcurrentHashMap<>();

    private final Map<KeyFamily, Provider> providers;

    Signatures(Map<KeyFamily, Provider> providers) {
        this.providers = providers.isEmpty() ? Map.of() : new EnumMap<>(providers);
    }

    /**
     * The providers for a {@code bearer.signature-provider} value ({@code auto}, {@code jdk} or a provider's name),
     * chosen and logged the first time it is asked for.
     *
     * @throws IllegalArgumentException when a provider named is not there or fails its self-test for every family
     */
    public static Signatures forSetting(String setting) {
        return CHOSEN.computeIfAbsent(setting, ProviderChoice::choose);
    }

    /** The provider for a family's signatures, or null for the JDK's. */
    public Provider provider(KeyFamily family) {
        return family == null ? null : providers.get(family);
    }

    /** The name of the provider that checks a family's signatures, {@code JDK} for the JDK's own. */
    public String providerName(KeyFamily family) {
        var provider = provider(family);
        return provider == null ? "JDK" : provider.getName();
    }

    /** The check for a JWS algorithm with its family's provider. */
    public JcaVerifier verifier(String alg) throws java.security.NoSuchAlgorithmException {
        return JcaVerifier.forAlgorithm(alg, provider(KeyFamily.forAlgorithm(alg)));
    }

    /**
     * A published key as its family's provider holds it (once, as its key set is installed); the key itself when the
     * family stays with the JDK; null when the provider will not take it (an Ed25519 {@code x} that is no point of the
     * curve, say, which the JDK only finds out when it checks a signature): such a key is left out of the set.
     */
    public PublicKey translate(PublicKey key, KeyFamily family) {
        var provider = provider(family);
        if (provider == null) {
            return key;
        }
        try {
            return translateFor(key, provider);
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The key as {@code provider}'s key factory makes it from its X.509 encoding. */
    static PublicKey translateFor(PublicKey key, Provider provider) throws GeneralSecurityException {
        return KeyFactory.getInstance(key.getAlgorithm(), provider)
                .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }

    /** A public key from its parameters, made by the family's provider (a DPoP proof's {@code jwk}). */
    public PublicKey generate(KeyFamily family, KeySpec spec) throws GeneralSecurityException {
        var provider = provider(family);
        var factory = provider == null ? KeyFactory.getInstance(family.keyAlgorithm())
                : KeyFactory.getInstance(family.keyAlgorithm(), provider);
        return factory.generatePublic(spec);
    }

    /** {@code RSA: AmazonCorrettoCryptoProvider, ES256: …, EdDSA: JDK}: for the log line and the tests. */
    @Override
    public String toString() {
        var joiner = new StringJoiner(", ");
        for (var family : KeyFamily.values()) {
            var provider = providers.get(family);
            joiner.add(family.label() + ": " + (provider == null ? "JDK" : provider.getName() + " "
                    + provider.getVersionStr()));
        }
        return joiner.toString();
    }
}
