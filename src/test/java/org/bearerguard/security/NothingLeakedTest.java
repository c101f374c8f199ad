package org.bearerguard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * Runs the attack corpus and thousands of mutated tokens with every log level captured, then scans every log line and
 * every response for token segments, signatures and key material. Descriptions must come from the fixed list.
 */
class NothingLeakedTest {

    private static final Pattern DESCRIPTION = Pattern.compile("error_description=\"([^\"]*)\"");

    @Test
    void whenTokensAreRefusedThenNoLogLineOrResponseCarriesTokenOrKeyMaterial() {
        var secrets = new ArrayList<String>();
        var responses = new ArrayList<String>();
        try (var log = new LogCapture(); var issuer = JwksServer.start(TestKeys.RSA, TestKeys.EC, TestKeys.ED);
             var pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.audience", "api").build())) {
            var tokens = new ArrayList<String>();
            AttackCorpus.build(issuer.issuer(), "http://127.0.0.1:1/jwks").forEach(a -> tokens.add(a.token()));
            var random = new Random(7);
            var valid = TestTokens.rs256().issuer(issuer.issuer()).build();
            for (int i = 0; i < 5000; i++) {
                tokens.add(Mutations.mutate(valid, random));
            }
            tokens.add(valid);
            for (var token : tokens) {
                var response = pipeline.respond(token);
                responses.add(response.headers() + " " + response.json().orElse(""));
                for (var segment : token.split("\\.")) {
                    if (segment.length() >= 16) {
                        secrets.add(segment);
                    }
                }
            }
            // and key-source trouble, for its log lines: an issuer that is down, one that publishes odd keys
            try (var down = JwksServer.start(TestKeys.RSA).down(true);
                 var downPipeline = new Pipeline(TestConfig.issuer(down.issuer()).build());
                 var odd = JwksServer.start(TestKeys.RSA, TestKeys.RSA_WEAK);
                 var oddPipeline = new Pipeline(TestConfig.issuer(odd.issuer()).build())) {
                responses.add(downPipeline.respond(TestTokens.rs256().issuer(down.issuer()).build()).headers().toString());
                responses.add(oddPipeline.respond(TestTokens.rs256().issuer(odd.issuer()).build()).headers().toString());
            }
            for (var key : List.of(TestKeys.RSA, TestKeys.EC, TestKeys.ED)) {
                var params = key.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
                for (var name : List.of("n", "x", "y", "d", "p", "q")) {
                    if (params.get(name) instanceof String material) {
                        secrets.add(material.substring(0, 24));
                    }
                }
            }

            var lines = log.lines();
            assertThat(lines).anyMatch(l -> l.contains("cannot fetch the keys")).anyMatch(l -> l.contains("ignoring 1"));
            for (var line : lines) {
                for (var secret : secrets) {
                    assertThat(line).doesNotContain(secret);
                }
                assertThat(line).doesNotContain("eyJ");
            }
        }

        var fixed = Set.copyOf(java.util.Arrays.stream(Reason.values()).map(Reason::description).toList());
        for (var response : responses) {
            assertThat(response).doesNotContain("eyJ").doesNotContain("Exception").doesNotContain("org.jose4j");
            var m = DESCRIPTION.matcher(response);
            while (m.find()) {
                assertThat(fixed).contains(m.group(1));
            }
        }
    }
}
