package org.bearerguard.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.bearerguard.it.Deployments;
import org.bearerguard.it.Http;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Three Payara Micro instances sharing Payara's data grid ({@code bearer.cache.provider=payara}). Beside the test
 * application each node serves a second one, "neighbour", that trusts the same issuer but takes its keys from
 * another {@code jwks-uri}, with the same cache secret: only the region's namespacing keeps their keys apart.
 */
class PayaraClusterIT extends ClusterScenarios {

    private static JwksServer neighbourKeys;

    @BeforeAll
    static void start() throws Exception {
        var work = workDirectory("payara");
        startIssuers();
        neighbourKeys = JwksServer.start(TestKeys.EC);
        var neighbour = export(Deployments.guardedApp("neighbour", String.join("\n",
                "bearer.issuer=" + issuer.issuer(),
                "bearer.jwks-uri=" + neighbourKeys.jwksUri(),
                "bearer.audience=api",
                "bearer.issuers.partner.issuer=" + partnerIssuer.issuer(), // the test application names it
                "bearer.issuers.partner.audience=partner-api",
                "bearer.jwks.fetch-at-startup=false",
                "bearer.cache.secret=" + CACHE_SECRET,
                "bearer.cache.provider=payara")), work);
        startCluster(new PayaraCluster(work, List.of(neighbour)), work);
    }

    @AfterAll
    static void stopNeighbourKeys() {
        if (neighbourKeys != null) {
            neighbourKeys.close();
        }
    }

    private static Http neighbour(Node node) {
        return new Http(node.app().resolve("../neighbour/"));
    }

    @Test
    @Order(60)
    void whenTwoApplicationsOnOneGridTrustTheSameIssuerWithOtherKeySourcesThenNeitherUsesTheOthersKeys() {
        var ours = token(TestKeys.RSA);
        var theirs = TestTokens.signedBy(TestKeys.EC, "ES256").issuer(issuer.issuer())
                .expiresIn(Duration.ofMinutes(10)).build();
        for (var node : nodes) {
            assertThat(neighbour(node).until(r -> r.statusCode() == 200, "api/me", theirs).statusCode())
                    .isEqualTo(200);
        }
        var fetched = neighbourKeys.jwksRequests();

        var mixedUp = nodes.stream().flatMap(node -> List.of(
                node.http().bearer("api/me", theirs), neighbour(node).bearer("api/me", ours)).stream())
                .map(HttpResponse::statusCode).toList();
        var own = nodes.stream().flatMap(node -> List.of(
                node.http().bearer("api/me", ours), neighbour(node).bearer("api/me", theirs)).stream())
                .map(HttpResponse::statusCode).toList();

        counts.put("second application, same issuer, own jwks-uri, on " + nodes.size() + " nodes: its JWKS fetches",
                fetched);
        assertThat(fetched).isEqualTo(1);
        assertThat(mixedUp).as("each application's answers to the other's tokens").containsOnly(401);
        assertThat(own).containsOnly(200);
    }
}
