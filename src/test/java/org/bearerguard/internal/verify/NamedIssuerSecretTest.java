package org.bearerguard.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An HMAC secret belongs to one issuer: a named issuer never accepts tokens signed with the top-level one. */
class NamedIssuerSecretTest {

    private static final String TOP_LEVEL_SECRET = "the-default-issuers-own-secret-32b";
    private static final String PARTNER_SECRET = "the-partner-issuers-own-secret-32by";

    private final JwksServer first = JwksServer.start(TestKeys.RSA);
    private final JwksServer second = JwksServer.start(TestKeys.EC);

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private TestTokens hs256(String issuer, String secret) {
        return TestTokens.rs256().issuer(issuer).header("alg", "HS256").noKid()
                .signingKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void whenAPartnerTokenIsSignedWithTheTopLevelSecretThenRespondsWithInvalidToken() throws Exception {
        try (var pipeline = new Pipeline(TestConfig.issuer(first.issuer())
                .with("bearer.algorithms", "RS256,HS256")
                .with("bearer.shared-secret", TOP_LEVEL_SECRET)
                .with("bearer.issuers.partner.issuer", second.issuer())
                .build())) {

            var response = pipeline.respond(hs256(second.issuer(), TOP_LEVEL_SECRET).build());

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).contains(org.bearerguard.testing.TestChallenges.invalidToken(
                    "The token signing algorithm is not accepted"));
            assertThat(pipeline.authenticate(hs256(first.issuer(), TOP_LEVEL_SECRET).build()).getIssuer())
                    .isEqualTo(first.issuer());
        }
    }

    @Test
    void whenAPartnerSetsItsOwnSecretThenOnlyThatSecretSignsItsTokens() throws Exception {
        try (var pipeline = new Pipeline(TestConfig.issuer(first.issuer())
                .with("bearer.algorithms", "RS256,HS256")
                .with("bearer.shared-secret", TOP_LEVEL_SECRET)
                .with("bearer.issuers.partner.issuer", second.issuer())
                .with("bearer.issuers.partner.algorithms", "HS256")
                .with("bearer.issuers.partner.shared-secret", PARTNER_SECRET)
                .build())) {

            assertThat(pipeline.authenticate(hs256(second.issuer(), PARTNER_SECRET).build()).getIssuer())
                    .isEqualTo(second.issuer());
            assertThat(pipeline.respond(hs256(second.issuer(), TOP_LEVEL_SECRET).build()).header("WWW-Authenticate"))
                    .contains(org.bearerguard.testing.TestChallenges.invalidToken("The token signature is invalid"));
        }
    }
}
