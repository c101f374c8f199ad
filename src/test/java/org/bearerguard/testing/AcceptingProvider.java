package org.bearerguard.testing;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a broken provider does: its {@code Signature}s accept every signature (as JDK 15-18 took r = s = 0 for
 * ECDSA), counting how often they were asked. For the tests that prove bearer-guard's own checks come first, and that
 * the provider self-test refuses such a provider.
 */
public final class AcceptingProvider extends Provider {

    private static final long serialVersionUID = 1L;

    /** Verifications asked of any such provider's signatures, since the last reset by the test. */
    public static final AtomicInteger CALLS = new AtomicInteger();

    /**
     * @param signatures   JCA names of the signatures it offers, every one accepting everything
     * @param keyFactories JCA key algorithm → the class of a real key factory it offers beside them
     */
    public AcceptingProvider(String name, List<String> signatures, Map<String, String> keyFactories) {
        super(name, "1", "accepts every signature");
        for (var alg : signatures) {
            putService(new Service(this, "Signature", alg, Yes.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new Yes();
                }
            });
        }
        keyFactories.forEach((alg, type) -> put("KeyFactory." + alg, type));
    }

    /** A signature check that always passes. */
    private static final class Yes extends SignatureSpi {
        @Override
        protected void engineInitVerify(PublicKey publicKey) {
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) {
            throw new UnsupportedOperationException("verification only");
        }

        @Override
        protected void engineUpdate(byte b) {
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
        }

        @Override
        protected byte[] engineSign() {
            throw new UnsupportedOperationException("verification only");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            CALLS.incrementAndGet();
            return true;
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) {
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            return null;
        }
    }
}
