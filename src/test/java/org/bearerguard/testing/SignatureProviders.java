package org.bearerguard.testing;

import java.util.List;

/**
 * The {@code bearer.signature-provider} values the security tests run under: the JDK, and each provider the build
 * has on its test class path (ACCP and Conscrypt native on this platform, BouncyCastle pure Java).
 */
public final class SignatureProviders {

    private SignatureProviders() {
    }

    public static List<String> settings() {
        return List.of("jdk", "AmazonCorrettoCryptoProvider", "Conscrypt", "BC");
    }
}
