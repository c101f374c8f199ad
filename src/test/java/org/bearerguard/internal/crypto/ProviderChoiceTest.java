package org.bearerguard.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.testing.AcceptingProvider;
import org.bearerguard.testing.LogCapture;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * The provider choice as README documents it: {@code jdk}, {@code auto} with and without the native providers (an
 * unsupported platform simulated by a candidate that cannot load), a provider's name, and a provider that lies.
 */
class ProviderChoiceTest {

    private static ProviderChoice.Candidate bouncyCastle() {
        return ProviderChoice.KNOWN.get(2);
    }

    /** A native provider on a platform it does not support: its native library cannot be linked. */
    private static ProviderChoice.Candidate unsupportedPlatform() {
        return new ProviderChoice.Candidate("AmazonCorrettoCryptoProvider", EnumSet.allOf(KeyFamily.class), () -> {
            throw new UnsatisfiedLinkError("no libamazonCorrettoCryptoProvider in java.library.path");
        });
    }

    private static String providerOf(Signatures signatures, KeyFamily family) {
        var provider = signatures.provider(family);
        return provider == null ? "JDK" : provider.getName();
    }

    @Test
    void whenTheSettingIsJdkThenTheJdkChecksEveryFamily() {
        var chosen = ProviderChoice.choose("jdk");

        for (var family : KeyFamily.values()) {
            assertThat(providerOf(chosen, family)).as(family.label()).isEqualTo("JDK");
        }
    }

    @Test
    void whenAutoFindsAccpThenAccpChecksEveryFamily() {
        var chosen = ProviderChoice.choose("auto");

        for (var family : List.of(KeyFamily.RSA, KeyFamily.P256, KeyFamily.P384, KeyFamily.P521)) {
            assertThat(providerOf(chosen, family)).as(family.label()).isEqualTo("AmazonCorrettoCryptoProvider");
        }
    }

    @Test
    void whenAutoFindsOnlyBouncyCastleThenItChecksEcAndEdDsaAndTheJdkRsa() {
        var chosen = ProviderChoice.choose("auto", List.of(bouncyCastle()));

        assertThat(providerOf(chosen, KeyFamily.P256)).isEqualTo("BC");
        assertThat(providerOf(chosen, KeyFamily.P384)).isEqualTo("BC");
        assertThat(providerOf(chosen, KeyFamily.P521)).isEqualTo("BC");
        assertThat(providerOf(chosen, KeyFamily.EDDSA)).isEqualTo("BC");
        assertThat(providerOf(chosen, KeyFamily.RSA)).isEqualTo("JDK");
    }

    @Test
    void whenAutoFindsAccpAndBouncyCastleThenEachFamilyGoesToTheFirstThatPassesThere() {
        var chosen = ProviderChoice.choose("auto");

        assertThat(providerOf(chosen, KeyFamily.P256)).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(providerOf(chosen, KeyFamily.EDDSA)).isEqualTo("BC"); // ACCP has no Ed448: its self-test fails
    }

    @Test
    void whenTheNativeProviderCannotLoadOnThisPlatformThenAutoTakesTheNextOne() {
        var chosen = ProviderChoice.choose("auto", List.of(unsupportedPlatform(), bouncyCastle()));

        assertThat(providerOf(chosen, KeyFamily.P256)).isEqualTo("BC");
        assertThat(providerOf(chosen, KeyFamily.RSA)).isEqualTo("JDK");
    }

    @Test
    void whenAutoFindsNoProviderThenTheJdkChecksEverything() {
        var chosen = ProviderChoice.choose("auto", List.of(unsupportedPlatform()));

        assertThat(chosen.toString()).isEqualTo("RSA: JDK, ES256: JDK, ES384: JDK, ES512: JDK, EdDSA: JDK");
    }

    @Test
    void whenAProviderIsNamedThenItChecksEveryFamilyItPassesTheSelfTestFor() {
        var chosen = ProviderChoice.choose("BC", List.of(bouncyCastle()));

        for (var family : KeyFamily.values()) {
            assertThat(providerOf(chosen, family)).as(family.label()).isEqualTo("BC");
        }
    }

    @Test
    void whenTheNamedProviderIsNotThereThenTheDeploymentFailsNamingTheProperty() {
        assertThatThrownBy(() -> TestConfig.issuer("https://id.example").with("bearer.signature-provider", "Nope")
                .build())
                .isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.signature-provider names Nope, which is neither on the class path nor registered"
                        + " with the JVM (auto, jdk, or one of [AmazonCorrettoCryptoProvider, Conscrypt, BC])");
    }

    @Test
    void whenAProviderAcceptsEverySignatureThenTheSelfTestRefusesItForEveryFamily() {
        var liar = new ProviderChoice.Candidate("Liar", EnumSet.allOf(KeyFamily.class), () -> new AcceptingProvider(
                "Liar", List.of("SHA256withRSA", "SHA384withRSA", "SHA512withRSA", "RSASSA-PSS",
                "SHA256withECDSAinP1363Format", "SHA384withECDSAinP1363Format", "SHA512withECDSAinP1363Format",
                "EdDSA"), Map.of("RSA", "sun.security.rsa.RSAKeyFactory$Legacy", "EC", "sun.security.ec.ECKeyFactory",
                "EdDSA", "sun.security.ec.ed.EdDSAKeyFactory")));

        assertThat(ProviderChoice.choose("auto", List.of(liar)).toString())
                .isEqualTo("RSA: JDK, ES256: JDK, ES384: JDK, ES512: JDK, EdDSA: JDK");
        assertThatThrownBy(() -> ProviderChoice.choose("Liar", List.of(liar)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bearer.signature-provider names Liar, which verifies none of RS256, ES256, ES384,"
                        + " ES512, EdDSA correctly here");
    }

    @Test
    void whenTheChoiceIsMadeThenItIsLoggedOnceAtInfo() {
        try (var log = new LogCapture()) {
            ProviderChoice.choose("auto", List.of(bouncyCastle()));

            assertThat(log.lines()).containsExactly("INFO bearer-guard: signature checks (bearer.signature-provider="
                    + "auto): RSA: JDK, ES256: BC 1.87, ES384: BC 1.87, ES512: BC 1.87, EdDSA: BC 1.87");
        }
    }
}
