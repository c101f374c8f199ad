package org.bearerguard.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A local authorization server for tests: its key endpoints on 127.0.0.1 (see {@link IssuerEndpoints}), the tokens
 * it signs ({@link #token()}) and the configuration a bearer-guard deployment needs to trust it ({@link #config()}).
 * Start one per test class (or use {@link WithTestIssuer}) and close it after (its threads are daemons, so one left
 * open does not keep the JVM alive, but its port stays bound until then). Publishing and rotating keys are visible to
 * the next request to the JWKS endpoint; any thread may call any method (changes of the key list are serialized).
 *
 * <pre>{@code
 * static final TestIssuer ISSUER = TestIssuer.start();
 * @AfterAll static void stop() { ISSUER.close(); }
 * String token = ISSUER.token().subject("alice").scopes("orders:read").roles("clerk").build();
 * }</pre>
 */
public final class TestIssuer implements AutoCloseable {

    /** The audience tokens carry and {@link #config()} requires, unless {@link #start(String, SigningKey...)} says. */
    public static final String DEFAULT_AUDIENCE = "api";

    private final String audience;
    private final AtomicInteger rotations = new AtomicInteger();
    /** The published keys, the signing one first; replaced whole, never changed in place. */
    private volatile List<SigningKey> keys;
    private final IssuerEndpoints endpoints;

    private TestIssuer(String audience, List<SigningKey> keys) {
        java.util.Objects.requireNonNull(audience, "an audience (bearer-guard requires one; the default is \"api\")");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an issuer needs at least one key");
        }
        this.audience = audience;
        this.keys = List.copyOf(keys);
        this.endpoints = new IssuerEndpoints(() -> this.keys);
    }

    /** An issuer with one RS256 key ({@code kid} {@code key-1}), for audience {@value #DEFAULT_AUDIENCE}. */
    public static TestIssuer start() {
        return start(DEFAULT_AUDIENCE, SigningKey.rsa("key-1"));
    }

    /** An issuer for this audience publishing these keys; the first signs. */
    public static TestIssuer start(String audience, SigningKey... keys) {
        return new TestIssuer(audience, List.of(keys));
    }

    /** Its {@code iss}: {@code http://127.0.0.1:<port>/realm-<random>}, another one for each issuer started. */
    public String issuer() {
        return endpoints.issuer();
    }

    public String jwksUri() {
        return endpoints.jwksUri();
    }

    public String audience() {
        return audience;
    }

    /** The key that signs new tokens. */
    public SigningKey signingKey() {
        return keys.get(0);
    }

    /** The keys the JWKS publishes now, the signing one first. */
    public List<SigningKey> publishedKeys() {
        return keys;
    }

    /** A token of this issuer for its audience, signed with its current key; change what the test needs. */
    public TokenBuilder token() {
        return new TokenBuilder(signingKey(), issuer(), audience);
    }

    /**
     * A key rotation as authorization servers do it: a new key of the same algorithm signs from now on, and the JWKS
     * publishes it first, next to the previous ones (so tokens already issued still verify).
     */
    public synchronized SigningKey rotate() {
        var next = SigningKey.forAlgorithm("key-rotated-" + rotations.incrementAndGet(), signingKey().algorithm());
        var all = new ArrayList<SigningKey>();
        all.add(next);
        all.addAll(keys);
        keys = List.copyOf(all);
        return next;
    }

    /** Publishes exactly these keys from now on (the first signs): leave a key out to retire it. */
    public synchronized TestIssuer publish(SigningKey... published) {
        if (published.length == 0) {
            throw new IllegalArgumentException("an issuer needs at least one key");
        }
        keys = List.of(published);
        return this;
    }

    /** While down, every endpoint answers 503, as an authorization server in an outage would. */
    public TestIssuer down(boolean isDown) {
        endpoints.down(isDown);
        return this;
    }

    /** Requests the JWKS endpoint has had, answered or not. */
    public int jwksRequests() {
        return endpoints.jwksRequests();
    }

    /** Requests to either metadata document (OIDC discovery or RFC 8414), answered or not. */
    public int metadataRequests() {
        return endpoints.metadataRequests();
    }

    /**
     * The MicroProfile Config properties that make bearer-guard trust this issuer: {@code bearer.issuer} and
     * {@code bearer.audience} (discovery finds the JWKS).
     */
    public Map<String, String> config() {
        var config = new LinkedHashMap<String, String>();
        config.put("bearer.issuer", issuer());
        config.put("bearer.audience", audience);
        return config;
    }

    /** The same for a named issuer, next to others: {@code bearer.issuers.<name>.issuer} and its audience. */
    public Map<String, String> config(String name) {
        var config = new LinkedHashMap<String, String>();
        config.put("bearer.issuers." + name + ".issuer", issuer());
        config.put("bearer.issuers." + name + ".audience", audience);
        return config;
    }

    /** {@link #config()} as the lines of a {@code META-INF/microprofile-config.properties}. */
    public String microprofileConfig() {
        return config().entrySet().stream().map(e -> e.getKey() + "=" + escaped(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** A properties value as {@link java.util.Properties#load} reads it back: backslashes and a leading space kept. */
    private static String escaped(String value) {
        var text = value.replace("\\", "\\\\");
        return text.startsWith(" ") ? "\\" + text : text;
    }

    @Override
    public void close() {
        endpoints.close();
    }

    @Override
    public String toString() {
        return "TestIssuer[" + issuer() + "]";
    }
}
