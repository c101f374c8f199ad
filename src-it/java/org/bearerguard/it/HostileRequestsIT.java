package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bearerguard.security.AttackCorpus;
import org.bearerguard.security.Mutations;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input over real HTTP on a real server: the attack corpus with exact challenges, 10,000 mutated and random
 * requests with no 5xx and no dropped connection, and a 200 kB Authorization header.
 */
@ExtendWith(ArquillianExtension.class)
class HostileRequestsIT {

    private static final JwksServer ISSUER = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED);
    /** Every URL a token names points here; it must never be called. */
    private static final JwksServer TRAP = JwksServer.start(TestKeys.ATTACKER);
    /** The "partner" issuer the test application's resources name. */
    private static final JwksServer PARTNER = JwksServer.start(TestKeys.EC);

    /** The smallest default request-header limit of the servers we run on (Payara Micro: 8 KiB). */
    private static final int SERVER_HEADER_LIMIT = 8 * 1024 - 100;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.guardedApp("hostile", ISSUER,
                "bearer.realm=it",
                "bearer.issuers.partner.issuer=" + PARTNER.issuer(),
                "bearer.issuers.partner.audience=partner-api");
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
        TRAP.close();
        PARTNER.close();
    }

    @Test
    void whenTheAttackCorpusIsSentThenEveryTokenGetsItsExact401() {
        var http = new Http(deployment);
        assertThat(http.bearer("api/me", TestTokens.rs256().issuer(ISSUER.issuer()).build()).statusCode())
                .isEqualTo(200);

        for (var attack : AttackCorpus.build(ISSUER.issuer(), TRAP.jwksUri())) {
            var response = http.bearer("api/me", attack.token());
            if (attack.token().length() > SERVER_HEADER_LIMIT) {
                // Payara (Grizzly) refuses request headers over 8 KiB itself, with a 400, before any filter runs
                assertThat(response.statusCode()).as(attack.name()).isIn(400, 401, 431);
                continue;
            }
            assertThat(response.statusCode()).as(attack.name()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).as(attack.name()).containsExactly(
                    Challenges.invalidToken(attack.description()));
        }
        assertThat(TRAP.jwksRequests() + TRAP.discoveryRequests()).isZero();
    }

    @Test
    void whenTenThousandHostileRequestsArriveThenNoneGetsA5xxOrADroppedConnection() throws Exception {
        var base = URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath() + "api/me");
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        var valid = TestTokens.rs256().issuer(ISSUER.issuer()).build();
        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        var dropped = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(4);
        for (int worker = 0; worker < 4; worker++) {
            var random = new Random(worker);
            pool.submit(() -> {
                for (int i = 0; i < 2500; i++) {
                    var header = i % 5 == 0 ? randomHeader(random) : "Bearer " + Mutations.mutate(valid, random);
                    var request = HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(30)).GET();
                    try {
                        request.header("Authorization", header);
                    } catch (IllegalArgumentException notSendable) {
                        request.header("Authorization", "Bearer " + Mutations.mutate(valid, random).replaceAll("[^ -~]", "x"));
                    }
                    try {
                        var response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    } catch (IOException e) {
                        dropped.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();

        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(dropped.get()).as("dropped connections").isZero();
        assertThat(total).isEqualTo(10_000);
        assertThat(statuses.keySet()).as("statuses seen: " + statuses).allMatch(s -> s < 500);
        assertThat(TRAP.jwksRequests() + TRAP.discoveryRequests()).isZero();
    }

    @Test
    void whenTheAuthorizationHeaderIs200KilobytesThenTheAnswerIsNoServerError() throws Exception {
        var http = new Http(deployment);
        var huge = "Bearer " + "a".repeat(200 * 1024);

        try {
            var response = http.get("api/me", huge);
            assertThat(response.statusCode()).isBetween(400, 499);
        } catch (IllegalStateException closedByTheServer) {
            // a server may also refuse headers this large by closing the connection: never with a 5xx
            assertThat(closedByTheServer).hasCauseInstanceOf(IOException.class);
        }
        // and the server is fine afterwards
        assertThat(http.bearer("api/me", TestTokens.rs256().issuer(ISSUER.issuer()).build()).statusCode())
                .isEqualTo(200);
    }

    private static String randomHeader(Random random) {
        var chars = new char[random.nextInt(200)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (0x20 + random.nextInt(0x5f));
        }
        var prefixes = List.of("", "Bearer ", "bearer ", "Basic ", "Bearer  ", "DPoP ");
        return prefixes.get(random.nextInt(prefixes.size())) + new String(chars);
    }

}
