package org.bearerguard.internal.crypto;

import java.lang.System.Logger.Level;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Chooses the signature providers for a {@code bearer.signature-provider} setting, once (see {@link Signatures}):
 *
 * <ul>
 *   <li>{@code jdk}: the JDK's default providers for everything.</li>
 *   <li>{@code auto} (the default): for each key family, the first {@link Candidate} that is on the class path,
 *       loads, is measured faster than the JDK there ({@link Candidate#autoFamilies}), and passes the
 *       {@link SelfTest}; else the JDK. With none on the class path, the JDK, with nothing loaded or tested.</li>
 *   <li>a provider's name ({@code AmazonCorrettoCryptoProvider}, {@code Conscrypt}, {@code BC}, or any provider
 *       registered with the JVM): that provider for every family it passes the self-test for, the JDK for the rest.
 *       Not there, or failing for every family: the deployment fails.</li>
 * </ul>
 *
 * A provider is never registered with the JVM ({@link Security#addProvider}): other applications on the server do
 * not see it. The choice is logged once, at INFO.
 */
final class ProviderChoice {

    private static final System.Logger LOG = System.getLogger(Signatures.class.getName());

    private static final Set<KeyFamily> ALL = EnumSet.allOf(KeyFamily.class);
    private static final Set<KeyFamily> RSA_AND_EC = EnumSet.of(KeyFamily.RSA, KeyFamily.P256, KeyFamily.P384,
            KeyFamily.P521);
    private static final Set<KeyFamily> EC_AND_EDDSA = EnumSet.of(KeyFamily.P256, KeyFamily.P384, KeyFamily.P521,
            KeyFamily.EDDSA);

    /**
     * A provider bearer-guard knows how to load from the class path, and the families {@code auto} takes it for
     * (where BENCHMARKS.md measured it faster than JDK 17).
     */
    record Candidate(String name, Set<KeyFamily> autoFamilies, Supplier<Provider> loader) {
    }

    /** In the order {@code auto} prefers them: native (AWS-LC, BoringSSL), then pure Java. */
    static final List<Candidate> KNOWN = List.of(
            new Candidate("AmazonCorrettoCryptoProvider", ALL, ProviderChoice::accp),
            new Candidate("Conscrypt", RSA_AND_EC, ProviderChoice::conscrypt),
            new Candidate("BC", EC_AND_EDDSA,
                    () -> (Provider) construct("org.bouncycastle.jce.provider.BouncyCastleProvider")));

    private ProviderChoice() {
    }

    static Signatures choose(String setting) {
        return choose(setting, KNOWN);
    }

    static Signatures choose(String setting, List<Candidate> candidates) {
        Signatures chosen;
        if ("jdk".equals(setting)) {
            chosen = Signatures.JDK;
        } else if ("auto".equals(setting)) {
            chosen = auto(candidates);
        } else {
            chosen = named(setting, candidates);
        }
        LOG.log(Level.INFO, "bearer-guard: signature checks (bearer.signature-provider={0}): {1}", setting, chosen);
        return chosen;
    }

    private static Signatures auto(List<Candidate> candidates) {
        var providers = new EnumMap<KeyFamily, Provider>(KeyFamily.class);
        for (var candidate : candidates) {
            var provider = load(candidate.loader());
            if (provider == null) {
                continue;
            }
            for (var family : candidate.autoFamilies()) {
                if (!providers.containsKey(family) && SelfTest.passes(family, provider)) {
                    providers.put(family, provider);
                }
            }
        }
        return new Signatures(providers);
    }

    private static Signatures named(String name, List<Candidate> candidates) {
        Provider provider = null;
        for (var candidate : candidates) {
            if (candidate.name().equals(name)) {
                provider = load(candidate.loader());
            }
        }
        if (provider == null) {
            provider = Security.getProvider(name);
        }
        if (provider == null) {
            throw new IllegalArgumentException("bearer.signature-provider names " + name + ", which is neither on"
                    + " the class path nor registered with the JVM (auto, jdk, or one of " + names(candidates)
                    + ")");
        }
        var providers = new EnumMap<KeyFamily, Provider>(KeyFamily.class);
        for (var family : ALL) {
            if (SelfTest.passes(family, provider)) {
                providers.put(family, provider);
            }
        }
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("bearer.signature-provider names " + name
                    + ", which verifies none of RS256, ES256, ES384, ES512, EdDSA correctly here");
        }
        return new Signatures(providers);
    }

    private static List<String> names(List<Candidate> candidates) {
        var names = new ArrayList<String>();
        candidates.forEach(c -> names.add(c.name()));
        return names;
    }

    /** The provider, or null when its classes are not there or it cannot run on this platform. */
    private static Provider load(Supplier<Provider> loader) {
        try {
            return loader.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** ACCP: only when its native library loaded and its own self-tests pass ({@code assertHealthy}). */
    private static Provider accp() {
        try {
            var type = type("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            var provider = (Provider) type.getField("INSTANCE").get(null);
            if (type.getMethod("getLoadingError").invoke(provider) != null) {
                return null;
            }
            type.getMethod("assertHealthy").invoke(provider);
            return provider;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Conscrypt: only where its native library loads ({@code Conscrypt.isAvailable}). */
    private static Provider conscrypt() {
        try {
            var type = type("org.conscrypt.Conscrypt");
            if (!(Boolean) type.getMethod("isAvailable").invoke(null)) {
                return null;
            }
            return (Provider) type.getMethod("newProvider").invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Object construct(String className) {
        try {
            return type(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /**
     * From bearer-guard's own class loader only: the provider sits where bearer-guard does (the WAR's WEB-INF/lib, or
     * the same server library). Never the thread's: as a server library, bearer-guard would otherwise keep the first
     * application's provider, its class loader, for every application after it.
     */
    private static Class<?> type(String className) throws ClassNotFoundException {
        return Class.forName(className, true, ProviderChoice.class.getClassLoader());
    }
}
