package org.bearerguard.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One asymmetric JWS algorithm's signature check with one provider (the JDK's own when {@code provider} is null).
 *
 * <p>Concurrency: a JCA {@link Signature} is not thread-safe and costs a provider lookup to make, so each check
 * takes one from a lock-free pool and gives it back after use; the pool grows to the number of threads that verify
 * at once. An instance that threw is dropped, never returned. For a provider that knows ECDSA only in its DER form,
 * each pooled instance carries its own buffer for the conversion, so that nothing is allocated per request.
 */
public final class JcaVerifier {

    private final Provider provider;
    private final String jcaName;
    private final AlgorithmParameterSpec params;
    /** DER ECDSA only: the curve's octet length (R and S each); else 0. */
    private final int derOctets;
    private final ConcurrentLinkedQueue<Engine> pool = new ConcurrentLinkedQueue<>();

    private record Engine(Signature signature, byte[] der) {
    }

    private JcaVerifier(Provider provider, String jcaName, AlgorithmParameterSpec params, int derOctets) {
        this.provider = provider;
        this.jcaName = jcaName;
        this.params = params;
        this.derOctets = derOctets;
    }

    /**
     * The check for {@code alg} ({@code RS*}, {@code PS*}, {@code ES*}, {@code EdDSA}) with this provider, under the
     * first of its JCA names the provider knows.
     *
     * @throws NoSuchAlgorithmException when the provider knows none of them
     */
    public static JcaVerifier forAlgorithm(String alg, Provider provider) throws NoSuchAlgorithmException {
        var params = KeyFamily.parameters(alg);
        for (var name : KeyFamily.jcaNames(alg)) {
            try {
                var probe = instance(provider, name);
                if (params != null) {
                    probe.setParameter(params);
                }
                var verifier = new JcaVerifier(provider, name, params, KeyFamily.isDer(name) ? KeyFamily.forAlgorithm(alg).ecOctets() : 0);
                verifier.pool.offer(verifier.engine(probe));
                return verifier;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not under this name (or not with these parameters): the next one
            }
        }
        throw new NoSuchAlgorithmException((provider == null ? "the JDK" : provider.getName()) + " has no " + alg);
    }

    /** Whether {@code signature} (JWS form: R || S for ECDSA) over {@code signingInput} verifies with {@code key}. */
    public boolean verify(byte[] signingInput, byte[] signature, PublicKey key) {
        var engine = pool.poll();
        try {
            if (engine == null) {
                var jca = instance(provider, jcaName);
                if (params != null) {
                    jca.setParameter(params);
                }
                engine = engine(jca);
            }
            var jca = engine.signature();
            jca.initVerify(key);
            jca.update(signingInput);
            boolean ok;
            if (engine.der() == null) {
                ok = jca.verify(signature);
            } else {
                int length = EcdsaDer.encode(signature, derOctets, engine.der());
                ok = length > 0 && jca.verify(engine.der(), 0, length);
            }
            pool.offer(engine);
            return ok;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            // a key of another type, a signature of the wrong shape, or a provider whose classes went away: refused,
            // and this instance is dropped
            return false;
        }
    }

    /** The provider's name, {@code JDK} for the default providers. */
    public String providerName() {
        return provider == null ? "JDK" : provider.getName();
    }

    private Engine engine(Signature jca) {
        return new Engine(jca, derOctets == 0 ? null : new byte[EcdsaDer.maxLength(derOctets)]);
    }

    private static Signature instance(Provider provider, String name) throws NoSuchAlgorithmException {
        return provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
    }
}
