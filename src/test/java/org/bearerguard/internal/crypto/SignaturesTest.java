package org.bearerguard.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import org.bearerguard.internal.keys.KeySnapshot;
import org.bearerguard.testing.TestKeys;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

/** Keys are made for their provider once, as a key set is installed or a proof's key is read: never per request. */
class SignaturesTest {

    private static final Signatures ACCP = Signatures.forSetting("AmazonCorrettoCryptoProvider");

    private static KeySnapshot installed(Signatures signatures) throws Exception {
        var jwks = new JsonWebKeySet(TestKeys.RSA, TestKeys.EC, TestKeys.ED)
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        return KeySnapshot.parse(jwks, null, Instant.now(), Instant.now().plusSeconds(300), signatures);
    }

    @Test
    void whenAKeySetIsInstalledThenEachKeyIsHeldByTheProviderOfItsFamily() throws Exception {
        var keys = installed(ACCP);

        assertThat(keys.select("rsa-1", "RS256").get(0).getClass().getName()).startsWith("com.amazon.corretto.");
        assertThat(keys.select("ec-1", "ES256").get(0).getClass().getName()).startsWith("com.amazon.corretto.");
        // EdDSA stays with the JDK: ACCP fails its self-test there (no Ed448)
        assertThat(keys.select("ed-1", "EdDSA").get(0)).isEqualTo(TestKeys.ED.getPublicKey());
    }

    @Test
    void whenTheJdkChecksSignaturesThenTheKeysAreTheJdksOwn() throws Exception {
        var keys = installed(Signatures.JDK);

        assertThat(keys.select("rsa-1", "RS256").get(0)).isEqualTo(TestKeys.RSA.getPublicKey());
        assertThat(keys.select("ec-1", "ES256").get(0)).isEqualTo(TestKeys.EC.getPublicKey());
    }

    @Test
    void whenTheSameKeySetIsInstalledAgainThenItsKeysAreEqualToTheFirstOnes() throws Exception {
        // the verified-token cache compares a hit's key with the installed set's by value
        assertThat(installed(ACCP).select("ec-1", "ES256")).isEqualTo(installed(ACCP).select("ec-1", "ES256"));
    }

    /** An Ed25519 {@code x} that is no point of the curve: the JDK takes the key (and fails every signature), BC not. */
    @Test
    void whenTheProviderWillNotTakeAPublishedKeyThenTheKeyIsLeftOutSayingWhy() throws Exception {
        var random = new java.util.Random(5);
        var bc = Signatures.forSetting("BC");
        for (int attempt = 0; attempt < 100; attempt++) {
            var x = new byte[32];
            random.nextBytes(x);
            var jwks = "{\"keys\":[" + new JsonWebKeySet(TestKeys.RSA).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                    .replaceAll("^\\{\"keys\":\\[|]}$", "") + ",{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"odd\",\"x\":\""
                    + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(x) + "\"}]}";
            var keys = KeySnapshot.parse(jwks, null, Instant.now(), Instant.now().plusSeconds(300), bc);
            if (!keys.ignored().isEmpty()) {
                assertThat(keys.ignored()).containsExactly("kid odd: not a key BC can check signatures with");
                assertThat(keys.hasKid("odd")).isFalse();
                assertThat(KeySnapshot.parse(jwks, null, Instant.now(), Instant.now().plusSeconds(300),
                        Signatures.JDK).hasKid("odd")).as("the JDK takes it").isTrue();
                return;
            }
        }
        throw new AssertionError("no x off the curve in 100 tries");
    }

    @Test
    void whenAProofKeyIsMadeThenTheProviderOfItsFamilyMakesIt() throws Exception {
        var key = ACCP.generate(KeyFamily.P256, new X509EncodedKeySpec(TestKeys.EC.getPublicKey().getEncoded()));

        assertThat(key.getClass().getName()).startsWith("com.amazon.corretto.");
    }

    @Test
    void whenTheSameSettingIsAskedForAgainThenTheChoiceIsNotMadeTwice() {
        assertThat(Signatures.forSetting("AmazonCorrettoCryptoProvider")).isSameAs(ACCP);
    }
}
