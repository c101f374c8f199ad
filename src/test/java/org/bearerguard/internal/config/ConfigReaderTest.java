package org.bearerguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.testing.LogCapture;
import org.junit.jupiter.api.Test;

/** Configuration: defaults, parsing, and errors that name the property. */
class ConfigReaderTest {

    private final Map<String, String> values = new HashMap<>(Map.of("bearer.issuer", "https://id.example/realms/a",
            "bearer.audience", "api"));

    private BearerConfig read() {
        return new ConfigReader(k -> Optional.ofNullable(values.get(k)), values.keySet()).read();
    }

    private IssuerConfig issuer() {
        return read().issuers().get(0);
    }

    @Test
    void whenOnlyTheIssuerAndAudienceAreSetThenEveryDefaultApplies() {
        var config = read();
        var issuer = config.issuers().get(0);

        assertThat(config.realm()).isEqualTo("bearer-guard");
        assertThat(config.maxTokenLength()).isEqualTo(16384);
        assertThat(config.cache().regionName()).isEqualTo("bearer-guard-jwks");
        assertThat(config.cache().provider()).isEqualTo("ehcache");
        assertThat(issuer.issuer()).isEqualTo("https://id.example/realms/a");
        assertThat(issuer.algorithms()).containsExactlyInAnyOrder("RS256", "RS384", "RS512", "PS256", "PS384",
                "PS512", "ES256", "ES384", "ES512", "EdDSA");
        assertThat(issuer.audiences()).contains(Set.of("api"));
        assertThat(issuer.requireAtJwt()).isFalse();
        assertThat(issuer.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(issuer.principalClaim()).isEqualTo("preferred_username");
        assertThat(issuer.rolesClaims()).containsExactly("groups", "roles", "realm_access.roles");
        assertThat(issuer.keys().minRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(issuer.sharedSecret()).isEmpty();
    }

    @Test
    void whenValuesAreSetThenTheyAreParsed() {
        values.putAll(Map.of("bearer.audience", "api, web", "bearer.clock-skew", "PT5S",
                "bearer.jwks.min-refresh-interval", "500ms", "bearer.jwks-uri", "https://id.example/keys",
                "bearer.client-id", "shop", "bearer.cache.uri", "urn:x"));

        var issuer = issuer();

        assertThat(issuer.audiences()).contains(Set.of("api", "web"));
        assertThat(issuer.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(issuer.keys().minRefreshInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(issuer.jwksUri()).contains(URI.create("https://id.example/keys"));
        assertThat(issuer.rolesClaims()).containsExactly("groups", "roles", "realm_access.roles",
                "resource_access.shop.roles");
        assertThat(read().cache().uri()).contains(URI.create("urn:x"));
    }

    @Test
    void whenTheIssuerIsMissingThenTheErrorSaysHowToSetIt() {
        values.clear();

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessageContaining("bearer.issuer is required").hasMessageContaining("BEARER_ISSUER");
    }

    @Test
    void whenAValueIsInvalidThenTheErrorNamesTheProperty() {
        var cases = List.of(
                Map.entry("bearer.clock-skew", "soon"),
                Map.entry("bearer.max-token-length", "-1"),
                Map.entry("bearer.algorithms", "RS256,none"),
                Map.entry("bearer.jwks-uri", "ftp://id.example/keys"),
                Map.entry("bearer.http.read-timeout", "0s"),
                Map.entry("bearer.realm", "a\"b"),
                Map.entry("bearer.roles-claim", "realm_access..roles"));
        for (var c : cases) {
            var saved = new HashMap<>(values);
            values.put(c.getKey(), c.getValue());
            assertThatThrownBy(this::read).as(c.getKey()).isInstanceOf(BearerConfigException.class)
                    .hasMessageStartingWith(c.getKey());
            values.clear();
            values.putAll(saved);
        }
    }

    @Test
    void whenTheIssuerUsesPlainHttpThenOnlyLoopbackIsAccepted() {
        values.put("bearer.issuer", "http://127.0.0.1:8080/realm");
        assertThat(issuer().issuer()).isEqualTo("http://127.0.0.1:8080/realm");

        values.put("bearer.issuer", "http://id.example/realm");
        assertThatThrownBy(this::read).hasMessageStartingWith("bearer.issuer must be an https URL");
    }

    @Test
    void whenHmacIsListedWithoutASecretThenTheDeploymentFails() {
        values.put("bearer.algorithms", "RS256,HS256");
        assertThatThrownBy(this::read).hasMessageContaining("bearer.shared-secret");

        values.put("bearer.shared-secret", "short");
        assertThatThrownBy(this::read).hasMessageStartingWith("bearer.shared-secret must be at least 32 bytes");

        values.put("bearer.shared-secret", "0123456789abcdef0123456789abcdef");
        assertThat(issuer().algorithms()).contains("HS256");
    }

    @Test
    void whenIssuersAreNamedThenEachInheritsTheTopLevelValuesItDoesNotSetItself() {
        values.putAll(Map.of("bearer.audience", "api", "bearer.clock-skew", "10s",
                "bearer.issuers.kc.issuer", "https://kc.example/realms/b",
                "bearer.issuers.kc.clock-skew", "2s",
                "bearer.issuers.entra.issuer", "https://login.example/tenant/v2.0"));

        var issuers = read().issuers();

        assertThat(issuers).extracting(IssuerConfig::name).containsExactly("default", "entra", "kc");
        var kc = issuers.get(2);
        assertThat(kc.issuer()).isEqualTo("https://kc.example/realms/b");
        assertThat(kc.clockSkew()).isEqualTo(Duration.ofSeconds(2));
        assertThat(kc.audiences()).contains(Set.of("api"));
        assertThat(issuers.get(1).clockSkew()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void whenOnlyNamedIssuersAreConfiguredThenBearerIssuerIsNotNeeded() {
        values.clear();
        values.put("bearer.issuers", "kc");
        values.put("bearer.issuers.kc.issuer", "https://kc.example/realms/b");
        values.put("bearer.issuers.kc.audience", "api");

        assertThat(read().issuers()).extracting(IssuerConfig::name).containsExactly("kc");
    }

    @Test
    void whenANamedIssuerHasAnInvalidValueThenTheErrorNamesItsOwnProperty() {
        values.put("bearer.issuers.kc.issuer", "https://kc.example/realms/b");
        values.put("bearer.issuers.kc.jwks.max-staleness", "forever");

        assertThatThrownBy(this::read).hasMessageStartingWith("bearer.issuers.kc.jwks.max-staleness must be");
    }

    @Test
    void whenAnIssuerNameIsListedWithoutItsUrlOrTwiceThenTheDeploymentFails() {
        values.put("bearer.issuers", "ghost");
        assertThatThrownBy(this::read).hasMessage("bearer.issuers.ghost.issuer is required");

        values.remove("bearer.issuers");
        values.put("bearer.issuers.twin.issuer", "https://id.example/realms/a");
        assertThatThrownBy(this::read).hasMessageContaining("configured twice");
    }

    @Test
    void whenNoAudienceIsSetThenTheDeploymentFailsNamingTheProperty() {
        values.remove("bearer.audience");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class).hasMessage("bearer.audience is"
                + " required (RFC 9068 §4): the name this API has in the issuer's access tokens (environment variable"
                + " BEARER_AUDIENCE), or bearer.audience-check=off to accept any audience");
    }

    @Test
    void whenTheAudienceListIsEmptyThenTheDeploymentFailsAsIfUnset() {
        values.put("bearer.audience", " , ");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessageStartingWith("bearer.audience is required (RFC 9068 §4)");
    }

    @Test
    void whenANamedIssuerHasNoAudienceThenTheErrorNamesItsOwnProperty() {
        values.clear();
        values.put("bearer.issuers.partner.issuer", "https://login.partner.example/v2.0");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class).hasMessage("bearer.issuers.partner"
                + ".audience is required (RFC 9068 §4): the name this API has in the issuer's access tokens, or"
                + " bearer.issuers.partner.audience-check=off to accept any audience");
    }

    @Test
    void whenAnIssuerOptsOutOfTheAudienceCheckThenItIsLoggedOnceAsAWarningNamingIt() {
        values.put("bearer.issuers.partner.issuer", "https://login.partner.example/v2.0");
        values.put("bearer.issuers.partner.audience-check", "OFF");

        try (var log = new LogCapture()) {
            var partner = read().issuers().get(1);

            assertThat(partner.audiences()).isEmpty();
            assertThat(log.lines()).filteredOn(l -> l.startsWith("WARNING")).containsExactly("WARNING bearer-guard:"
                    + " issuer 'partner' (https://login.partner.example/v2.0) accepts tokens for any audience"
                    + " (bearer.issuers.partner.audience-check=off)");
        }
    }

    @Test
    void whenTheTopLevelOptsOutThenANamedIssuerStillNeedsItsOwnAudienceOrOptOut() {
        values.remove("bearer.audience");
        values.put("bearer.audience-check", "off");
        values.put("bearer.issuers.partner.issuer", "https://login.partner.example/v2.0");

        assertThatThrownBy(this::read).hasMessageStartingWith("bearer.issuers.partner.audience is required");
    }

    @Test
    void whenTheAudienceCheckIsOffAndAnAudienceIsSetThenTheDeploymentFails() {
        values.put("bearer.audience-check", "off");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class).hasMessage("bearer.audience-check"
                + "=off contradicts bearer.audience: set one or the other");
    }

    @Test
    void whenTheAudienceCheckIsNeitherOnNorOffThenTheErrorNamesTheProperty() {
        values.put("bearer.audience-check", "false");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.audience-check must be on or off");
    }

    @Test
    void whenRequireAtJwtIsSetThenTheIssuerAndTheNamedOnesInheritingItRequireIt() {
        values.put("bearer.require-at-jwt", "true");
        values.put("bearer.issuers.partner.issuer", "https://login.partner.example/v2.0");

        assertThat(read().issuers()).extracting(IssuerConfig::requireAtJwt).containsExactly(true, true);

        values.put("bearer.require-at-jwt", "yes");
        assertThatThrownBy(this::read).hasMessage("bearer.require-at-jwt must be true or false");
    }

    @Test
    void whenTheTopLevelHasASharedSecretThenANamedIssuerInheritsNeitherItNorTheHmacAlgorithms() {
        values.putAll(Map.of("bearer.algorithms", "RS256,HS256,ES256",
                "bearer.shared-secret", "0123456789abcdef0123456789abcdef",
                "bearer.issuers.partner.issuer", "https://login.partner.example/v2.0"));

        var partner = read().issuers().get(1);

        assertThat(partner.sharedSecret()).isEmpty();
        assertThat(partner.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(read().issuers().get(0).algorithms()).containsExactlyInAnyOrder("RS256", "HS256", "ES256");
    }

    @Test
    void whenANamedIssuerWouldInheritOnlyHmacAlgorithmsThenTheErrorNamesItsOwnProperty() {
        values.putAll(Map.of("bearer.algorithms", "HS256",
                "bearer.shared-secret", "0123456789abcdef0123456789abcdef",
                "bearer.issuers.partner.issuer", "https://login.partner.example/v2.0"));

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class).hasMessage("bearer.issuers.partner"
                + ".algorithms must be set: bearer.algorithms names only HMAC algorithms, which a named issuer never"
                + " inherits");
    }

    @Test
    void whenANamedIssuerListsHmacItselfThenItNeedsASecretOfItsOwn() {
        values.putAll(Map.of("bearer.algorithms", "RS256,HS256",
                "bearer.shared-secret", "0123456789abcdef0123456789abcdef",
                "bearer.issuers.partner.issuer", "https://login.partner.example/v2.0",
                "bearer.issuers.partner.algorithms", "HS256"));

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class).hasMessage("bearer.issuers.partner"
                + ".algorithms names HS256, which needs bearer.issuers.partner.shared-secret: HMAC is never accepted"
                + " without an explicit shared secret");

        values.put("bearer.issuers.partner.shared-secret", "another-secret-of-at-least-32-bytes");
        assertThat(read().issuers().get(1).algorithms()).containsExactly("HS256");
    }

    @Test
    void everyPropertyWithItsDefaultAndDescriptionIsInTheReadmeTable() throws Exception {
        var readme = Files.readString(Path.of("README.md"));
        for (var p : Property.values()) {
            var row = "| `" + p.key() + "` | " + (p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`") + " | "
                    + p.description() + " |";
            assertThat(readme).as("README row for " + p.key()).contains(row);
        }
    }
}
