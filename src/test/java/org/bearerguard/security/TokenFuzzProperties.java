package org.bearerguard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;

/**
 * Property-based fuzzing of the whole pipeline (extract → verify → authorize → render): for any input the outcome is
 * one of our defined responses, never another exception, and a tampered token is never accepted.
 *
 * <p>Every {@code mvn verify} runs a fixed-seed set ({@code jqwik.tries.default} in junit-platform.properties). The
 * long run, about a million cases per property: see the README's Security section.
 */
class TokenFuzzProperties {

    private static final String SEED = "20261128";
    private static JwksServer issuer;
    private static Pipeline pipeline;
    private static List<String> validTokens;

    @BeforeContainer
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.audience", "api").build());
        validTokens = List.of(
                TestTokens.rs256().issuer(issuer.issuer()).build(),
                TestTokens.signedBy(TestKeys.RSA, "PS256").issuer(issuer.issuer()).build(),
                TestTokens.signedBy(TestKeys.EC, "ES256").issuer(issuer.issuer()).build(),
                TestTokens.signedBy(TestKeys.ED, "EdDSA").issuer(issuer.issuer()).noKid().build());
    }

    @AfterContainer
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    @Property(seed = SEED)
    void anyAuthorizationHeaderEndsInADefinedOutcome(@ForAll("authorizationHeaders") String header) {
        var response = pipeline.respond(List.of(header), Requirement.NONE);

        assertThat(response.status()).isIn(400, 401);
        assertThat(response.header("WWW-Authenticate")).isPresent();
    }

    @Property(seed = SEED)
    void aMutatedValidTokenIsNeverAcceptedUnlessItIsTheSameToken(@ForAll("mutants") String[] originalAndMutant) {
        var response = pipeline.respond(List.of("Bearer " + originalAndMutant[1]), Requirement.NONE);

        assertThat(response.status()).isIn(200, 400, 401);
        if (response.status() == 200) {
            assertThat(Mutations.sameToken(originalAndMutant[0], originalAndMutant[1])).isTrue();
        }
    }

    @Provide
    Arbitrary<String> authorizationHeaders() {
        var b64token = Arbitraries.strings().withChars("ABCXYZabcxyz0189-._~+/=").ofMaxLength(300);
        var segment = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                .ofMaxLength(120);
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                b64token.map(t -> "Bearer " + t),
                segment.list().ofMinSize(1).ofMaxSize(6).map(s -> "Bearer " + String.join(".", s)),
                Arbitraries.of("eyJhbGciOiJub25lIn0", "eyJ9", "e30", "W10", "bnVsbA").list().ofSize(3)
                        .map(s -> "Bearer " + String.join(".", s)));
    }

    @Provide
    Arbitrary<String[]> mutants() {
        return Arbitraries.longs().map(seed -> {
            var random = new Random(seed);
            var original = validTokens.get(random.nextInt(validTokens.size()));
            return new String[] {original, Mutations.mutate(original, random)};
        });
    }
}
