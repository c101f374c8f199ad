package org.bearerguard.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several issuers side by side: each with its own keys and settings, none able to sign for another. */
class MultipleIssuersTest {

    private final JwksServer first = JwksServer.start(TestKeys.RSA);
    private final JwksServer second = JwksServer.start(TestKeys.EC);
    private final Pipeline pipeline = new Pipeline(TestConfig.issuer(first.issuer())
            .with("bearer.audience", "api")
            .with("bearer.issuers.partner.issuer", second.issuer())
            .with("bearer.issuers.partner.audience", "partner-api")
            .build());

    @AfterEach
    void close() {
        pipeline.close();
        first.close();
        second.close();
    }

    private static Requirement onlyFrom(String... names) {
        return Requirement.issuers(names);
    }

    @Test
    void whenEachIssuerSignsWithItsOwnKeyThenBothAreAccepted() throws Exception {
        var fromFirst = pipeline.authenticate(TestTokens.rs256().issuer(first.issuer()).build());
        var fromSecond = pipeline.authenticate(TestTokens.signedBy(TestKeys.EC, "ES256").issuer(second.issuer())
                .audience("partner-api").build());

        assertThat(fromFirst.getIssuer()).isEqualTo(first.issuer());
        assertThat(fromSecond.getIssuer()).isEqualTo(second.issuer());
    }

    @Test
    void whenATokenClaimsAnIssuerWhoseKeyDidNotSignItThenItIsRefused() {
        var forged = TestTokens.rs256().issuer(second.issuer()).audience("partner-api").build();
        var forgedTheOtherWay = TestTokens.signedBy(TestKeys.EC, "ES256").issuer(first.issuer()).build();

        assertThat(pipeline.respond(forged).status()).isEqualTo(401);
        assertThat(pipeline.respond(forgedTheOtherWay).status()).isEqualTo(401);
    }

    @Test
    void whenANamedIssuerHasItsOwnAudienceThenTheTopLevelOneDoesNotApplyToIt() {
        var response = pipeline.respond(TestTokens.signedBy(TestKeys.EC, "ES256").issuer(second.issuer())
                .audience("api").build());

        assertThat(response.header("WWW-Authenticate").orElseThrow())
                .contains("The token is not meant for this audience");
    }

    @Test
    void whenAResourceAcceptsOnlySomeIssuersThenOthersAreRefusedWithoutFetchingTheirKeys() throws Exception {
        var partnerToken = TestTokens.signedBy(TestKeys.EC, "ES256").issuer(second.issuer())
                .audience("partner-api").build();

        var refused = pipeline.respond(List.of("Bearer " + partnerToken), onlyFrom("default"));

        assertThat(refused.header("WWW-Authenticate").orElseThrow()).contains("The token issuer is not trusted");
        assertThat(second.jwksRequests() + second.discoveryRequests()).isZero();
        assertThat(pipeline.authenticate(partnerToken, onlyFrom("partner", "default")).getName()).isEqualTo("alice");
    }

    @Test
    void whenOneIssuerIsDownThenTheOtherKeepsWorking() throws Exception {
        second.down(true);

        var partner = pipeline.respond(TestTokens.signedBy(TestKeys.EC, "ES256").issuer(second.issuer())
                .audience("partner-api").build());

        assertThat(partner.status()).isEqualTo(503);
        assertThat(pipeline.authenticate(TestTokens.rs256().issuer(first.issuer()).build()).getName())
                .isEqualTo("alice");
    }
}
