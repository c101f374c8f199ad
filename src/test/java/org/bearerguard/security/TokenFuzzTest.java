package org.bearerguard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.testing.Fuzz;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.bearerguard.testing.SignatureProviders;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.bearerguard.testing.NoWarningsLogged;

/**
 * Fuzzing of the whole pipeline (extract → verify → authorize → render): for any input the outcome is one of our
 * defined responses, never another exception, and a tampered token is never accepted. Seeded ({@link Fuzz}). Once
 * per signature provider ({@link SignatureProviders}).
 */
@ExtendWith(NoWarningsLogged.class)
@ParameterizedClass(name = "bearer.signature-provider={0}")
@MethodSource("org.bearerguard.testing.SignatureProviders#settings")
class TokenFuzzTest {

    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String B64TOKEN = "ABCXYZabcxyz0189-._~+/=";
    private static final List<String> SEGMENTS = List.of("eyJhbGciOiJub25lIn0", "eyJ9", "e30", "W10", "bnVsbA");

    @Parameter
    String signatureProvider;

    private static JwksServer issuer;
    private static Pipeline pipeline;
    private static List<String> validTokens;

    @BeforeParameterizedClassInvocation
    static void start(String signatureProvider) {
        issuer = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.audience", "api")
                .with("bearer.signature-provider", signatureProvider).build());
        validTokens = List.of(
                TestTokens.rs256().issuer(issuer.issuer()).build(),
                TestTokens.signedBy(TestKeys.RSA, "PS256").issuer(issuer.issuer()).build(),
                TestTokens.signedBy(TestKeys.EC, "ES256").issuer(issuer.issuer()).build(),
                TestTokens.signedBy(TestKeys.ED, "EdDSA").issuer(issuer.issuer()).noKid().build());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    @Test
    void anyAuthorizationHeaderEndsInADefinedOutcome() {
        int ran = Fuzz.run(TokenFuzzTest::authorizationHeader, header -> {
            var response = pipeline.respond(List.of(header), Requirement.NONE);
            assertThat(response.status()).isIn(400, 401);
            assertThat(response.header("WWW-Authenticate")).isPresent();
        });

        assertThat(ran).isEqualTo(Fuzz.cases());
    }

    /** One token, one spelling: not even a change a lenient base64url decoder would not see is accepted. */
    @Test
    void whenAValidTokenIsChangedInAnyWayThenItIsRefused() {
        int ran = Fuzz.run(random -> {
            var original = validTokens.get(random.nextInt(validTokens.size()));
            return new String[] {original, Mutations.mutate(original, random)};
        }, pair -> {
            var response = pipeline.respond(List.of("Bearer " + pair[1]), Requirement.NONE);
            if (Mutations.carriesTheSameToken(pair[0], pair[1])) {
                assertThat(response.status()).isEqualTo(200);
            } else {
                assertThat(response.status()).isIn(400, 401);
            }
        });

        assertThat(ran).isEqualTo(Fuzz.cases());
    }

    /** Controls, spaces, DEL, non-ASCII: what a header value may carry that no token has. */
    private static final String ODD = " \t\u0000\u0001\u0007\u001f\u007f\u0080\u00a0\u00e9\u2028\ufeff\ud800";

    /**
     * Any text; b64token-ish text; dotted base64url segments; dotted well-known JSON fragments; a few odd characters
     * alone or around a scheme and a token.
     */
    static String authorizationHeader(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> randomText(random, 300);
            case 4 -> randomFrom(random, ODD, 4);
            case 5 -> randomFrom(random, ODD, 3) + (random.nextBoolean() ? "Bearer" : "bearer")
                    + randomFrom(random, ODD, 3) + randomFrom(random, B64TOKEN + ODD, 40) + randomFrom(random, ODD, 3);
            case 1 -> "Bearer " + randomFrom(random, B64TOKEN, 300);
            case 2 -> {
                var parts = new String[1 + random.nextInt(6)];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = randomFrom(random, B64URL, 120);
                }
                yield "Bearer " + String.join(".", parts);
            }
            default -> "Bearer " + SEGMENTS.get(random.nextInt(SEGMENTS.size())) + "."
                    + SEGMENTS.get(random.nextInt(SEGMENTS.size())) + "." + SEGMENTS.get(random.nextInt(SEGMENTS.size()));
        };
    }

    private static String randomFrom(Random random, String alphabet, int maxLength) {
        var chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    /** Any UTF-16 text, weighted towards ASCII but with controls, surrogates and the rest of the BMP. */
    private static String randomText(Random random, int maxLength) {
        var chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) random.nextInt(0x80);
        }
        return new String(chars);
    }
}
