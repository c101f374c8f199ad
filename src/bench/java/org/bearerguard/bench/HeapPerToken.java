package org.bearerguard.bench;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.filter.BearerAuthenticator;
import org.bearerguard.internal.keys.KeySources;
import org.bearerguard.internal.region.JwksRegion;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;

/**
 * Heap retained per cached token: fills the verified-token cache with 10,000 distinct Keycloak-like tokens and
 * measures the used heap after full GCs, before and after. The test's own copies of the tokens stay alive throughout,
 * so the figure is everything a cache entry retains: its own copy of the token (the extracted one) and the rest.
 */
public final class HeapPerToken {

    private HeapPerToken() {
    }

    public static void main(String[] args) throws Exception {
        int n = 10_000;
        try (var issuer = JwksServer.start(TestKeys.RSA)) {
            var config = TestConfig.issuer(issuer.issuer()).with("bearer.audience", Fixture.AUDIENCE)
                    .with("bearer.token-cache.size", String.valueOf(n)).build();
            var keys = new KeySources(config, JwksRegion.open(config.cache()), Clock.systemUTC());
            var authenticator = new BearerAuthenticator(config, keys, Clock.systemUTC());
            var tokens = new ArrayList<String>(n);
            var fixture = new Fixture("RS256", issuer.issuer());
            for (int i = 0; i < n; i++) {
                tokens.add(fixture.variant(i));
            }
            authenticator.authenticate(List.of("Bearer " + tokens.get(0)), Requirement.NONE); // keys, classes
            long before = usedAfterGc();
            for (var token : tokens) {
                authenticator.authenticate(List.of("Bearer " + token), Requirement.NONE);
            }
            long after = usedAfterGc();
            System.out.printf("cached tokens: %d, token length: %d chars%n", authenticator.cachedTokens(),
                    tokens.get(0).length());
            long perToken = (after - before) / n;
            long tokenString = 40 + tokens.get(0).length(); // String + its Latin-1 byte[]
            System.out.printf("heap per cached token: %d bytes (the token string %d, the rest %d)%n", perToken,
                    tokenString, perToken - tokenString);
            keys.close();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
