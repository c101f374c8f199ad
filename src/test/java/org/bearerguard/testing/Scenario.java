package org.bearerguard.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * One key-source scenario: a JWKS server the test controls, a clock it moves by hand, and the pipelines it opens,
 * all closed together.
 */
public final class Scenario implements AutoCloseable {

    public final MutableClock clock = new MutableClock();
    public final JwksServer issuer;
    private final List<AutoCloseable> open = new ArrayList<>();

    public Scenario(PublicJsonWebKey... published) {
        issuer = JwksServer.start(published);
    }

    /** Configuration that trusts this scenario's issuer. */
    public TestConfig config() {
        return TestConfig.issuer(issuer.issuer());
    }

    public Pipeline pipeline() {
        return pipeline(config());
    }

    public Pipeline pipeline(TestConfig config) {
        var p = new Pipeline(config.build(), clock);
        open.add(0, p);
        return p;
    }

    /** A token of this issuer, issued now by the scenario's clock. */
    public TestTokens token() {
        return TestTokens.rs256().issuer(issuer.issuer()).claim("iat", clock.instant().getEpochSecond())
                .claim("exp", clock.instant().plusSeconds(300).getEpochSecond());
    }

    /** An RS256 token signed by {@code key}, valid for {@code lifetime} of the scenario's clock. */
    public String token(PublicJsonWebKey key, Duration lifetime) {
        return TestTokens.signedBy(key, "RS256").issuer(issuer.issuer())
                .claim("exp", clock.instant().plus(lifetime).getEpochSecond())
                .claim("iat", clock.instant().getEpochSecond()).build();
    }

    @Override
    public void close() {
        for (var c : open) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        issuer.close();
    }
}
