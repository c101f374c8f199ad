package org.bearerguard.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.ConfigReader;

/**
 * Builds a validated configuration from property pairs, as MicroProfile Config would hand them over. The audience is
 * {@code api}, as in every {@link TestTokens} token, unless a test sets or removes it.
 */
public final class TestConfig {

    private final Map<String, String> values = new HashMap<>();

    private TestConfig(String issuer) {
        values.put("bearer.issuer", issuer);
        values.put("bearer.audience", "api");
        values.put("bearer.realm", "test");
    }

    public static TestConfig issuer(String issuer) {
        return new TestConfig(issuer);
    }

    public TestConfig with(String key, String value) {
        values.put(key, value);
        return this;
    }

    /** Removes a property, a default one ({@code bearer.audience}) included. */
    public TestConfig without(String key) {
        values.remove(key);
        return this;
    }

    public Map<String, String> values() {
        return values;
    }

    public BearerConfig build() {
        return new ConfigReader(k -> Optional.ofNullable(values.get(k)), values.keySet()).read();
    }
}
