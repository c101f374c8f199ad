package org.bearerguard.internal.region;

import javax.cache.Cache;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestConfig;

/**
 * An in-process Ehcache region opened for one issuer, as the region tests use it: its configuration, a clock the test
 * moves, views of the issuer's entries as nodes have them, and the raw cache beneath, to write entries as another node
 * or an attacker would. One per test; close it after.
 */
final class RegionFixture implements AutoCloseable {

    static final String SECRET = "the cache secret of this test, 32 bytes or more";

    private final MutableClock clock = new MutableClock();
    private final BearerConfig config;
    private final EntrySeal seal;
    private final JwksRegion shared;

    private RegionFixture(BearerConfig config) {
        this.config = config;
        this.seal = EntrySeal.of(config.cache());
        this.shared = JwksRegion.open(config.cache());
    }

    /** The issuer {@code https://id.example} with its entries in the region {@code name}, for a test to add to. */
    static TestConfig config(String name) {
        return TestConfig.issuer("https://id.example").with("bearer.cache.name", name);
    }

    /** As {@link #config(String)}, entries sealed with {@link #SECRET}. */
    static TestConfig withSecret(String name) {
        return config(name).with("bearer.cache.secret", SECRET);
    }

    static RegionFixture open(TestConfig config) {
        return new RegionFixture(config.build());
    }

    MutableClock clock() {
        return clock;
    }

    /** A new view of the issuer's entries, as one node has it; every view reads and writes the same region. */
    IssuerRegion issuerRegion() {
        return shared.forIssuer(config.issuers().get(0), clock);
    }

    /** The issuer's namespace in the region: the key set's entry name, and the suffix of its other entries'. */
    String regionKey() {
        return config.issuers().get(0).regionKey();
    }

    /** The region's cache itself, past every seal and bound. */
    Cache<String, String> raw() {
        return RawCache.ehcache(config.cache().regionName());
    }

    /** Writes {@code payload} under {@code name} sealed as this application's nodes seal it. */
    void putSealed(String name, String payload) {
        raw().put(name, seal.seal(name, payload));
    }

    /** Closes the region: from then on every operation of its views fails. */
    @Override
    public void close() {
        shared.close();
    }
}
