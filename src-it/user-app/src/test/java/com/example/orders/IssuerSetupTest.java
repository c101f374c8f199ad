package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bearerguard.testkit.TestIssuer;
import org.bearerguard.testkit.WithTestIssuer;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/**
 * The README's plain JUnit example: no server, the issuer and its tokens for code of the application's own that
 * handles tokens (here: reading the JWKS and checking a token's signature as a client library would).
 */
@WithTestIssuer(audience = "orders-api", algorithm = "ES256")
class IssuerSetupTest {

    @Test
    void whenTheKitJarIsOpenedThenItHoldsTheKitAndNothingElse() throws Exception {
        var jar = Path.of(TestIssuer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (var entries = new JarFile(jar.toFile())) {
            var classes = entries.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();

            assertThat(jar.getFileName().toString()).endsWith("-testkit.jar");
            assertThat(classes).isNotEmpty().allMatch(n -> n.matches("org/bearerguard/testkit/([A-Za-z$]+|package-info)\\.class"))
                    .noneMatch(n -> n.contains("Test.class") || n.contains("Test$"));
            assertThat(entries.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo("org.bearerguard.testkit");
        }
    }

    @Test
    void whenATokenIsMadeThenItVerifiesAgainstThePublishedJwks(TestIssuer issuer) throws Exception {
        var token = issuer.token().subject("alice").scopes("orders:read").build();
        var jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer.jwksUri())).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        var jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256"));
        jws.setCompactSerialization(token);
        jws.setKey(new JsonWebKeySet(jwks).findJsonWebKey(jws.getKeyIdHeaderValue(), "EC", "sig", null).getKey());

        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getPayload()).contains("\"sub\":\"alice\"", "\"scope\":\"orders:read\"");
    }

    @Test
    void whenATokenIsForgedThenItDoesNotVerify(TestIssuer issuer) throws Exception {
        var forged = issuer.token().signedWith(org.bearerguard.testkit.SigningKey.ec("key-1")).build();

        var jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setCompactSerialization(forged);
        jws.setKey(issuer.signingKey().publicKey());
        assertThat(jws.verifySignature()).isFalse();
    }
}
