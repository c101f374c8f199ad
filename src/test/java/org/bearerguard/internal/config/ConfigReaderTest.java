package org.bearerguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
                "bearer.jwks.retry-interval", "500ms", "bearer.jwks-uri", "https://id.example/keys",
                "bearer.client-id", "shop", "bearer.cache.uri", "urn:x"));

        var issuer = issuer();

        assertThat(issuer.audiences()).contains(Set.of("api", "web"));
        assertThat(issuer.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(issuer.keys().retryInterval()).isEqualTo(Duration.ofMillis(500));
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
                + " BEARER_AUDIENCE), or bearer.resource (the resource identifier becomes the audience), or"
                + " bearer.audience-check=off to accept any audience");
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
                + " bearer.resource (the resource identifier becomes the audience), or"
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

    private static final String SUCH_AS = ", such as 30s, 5m, 500ms or PT30S";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "bearer.jwks.min-refresh-interval | 0s | bearer.jwks.min-refresh-interval must be a duration from 1s to 1d",
            "bearer.jwks.min-ttl | 0s | bearer.jwks.min-ttl must be a duration from 1s to 30d",
            "bearer.jwks.default-ttl | 0s | bearer.jwks.default-ttl must be a duration from 1s to 30d",
            "bearer.jwks.max-ttl | 31d | bearer.jwks.max-ttl must be a duration from 1s to 30d",
            "bearer.jwks.max-staleness | 0s | bearer.jwks.max-staleness must be a duration from 1s to 30d",
            "bearer.clock-skew | 3650d | bearer.clock-skew must be a duration from 0s to 10m",
            "bearer.clock-skew | PT-1S | bearer.clock-skew must be a duration from 0s to 10m",
            "bearer.jwks.retry-interval | 9999999999999999d | bearer.jwks.retry-interval must be a duration from 100ms to 1h",
            "bearer.jwks.retry-interval | 50ms | bearer.jwks.retry-interval must be a duration from 100ms to 1h",
            "bearer.jwks.max-backoff | 99999999999999999999s | bearer.jwks.max-backoff must be a duration from 100ms to 1d",
            "bearer.http.read-timeout | PT0.0005S | bearer.http.read-timeout must be a duration from 100ms to 5m",
            "bearer.http.connect-timeout | 10m | bearer.http.connect-timeout must be a duration from 100ms to 5m",
    })
    void whenADurationIsOutsideItsBoundsThenTheErrorNamesThePropertyAndTheBounds(String key, String value,
                                                                                  String message) {
        values.put(key, value);

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class).hasMessage(message + SUCH_AS);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "bearer.max-token-length | 99999999999999999999 | bearer.max-token-length must be a whole number from 256 to 1048576",
            "bearer.max-token-length | 2147483647 | bearer.max-token-length must be a whole number from 256 to 1048576",
            "bearer.max-token-length | 255 | bearer.max-token-length must be a whole number from 256 to 1048576",
            "bearer.token-cache.size | 2000000 | bearer.token-cache.size must be a whole number from 0 to 1000000",
            "bearer.jwks.max-response-bytes | 100 | bearer.jwks.max-response-bytes must be a whole number from 1024 to 16777216",
            "bearer.jwks.max-response-bytes | 17000000 | bearer.jwks.max-response-bytes must be a whole number from 1024 to 16777216",
            "bearer.cache.hazelcast.port | 70000 | bearer.cache.hazelcast.port must be a whole number from 1 to 65535",
            "bearer.cache.hazelcast.port | 0 | bearer.cache.hazelcast.port must be a whole number from 1 to 65535",
    })
    void whenANumberIsOutsideItsBoundsThenTheErrorNamesThePropertyAndTheBounds(String key, String value,
                                                                                String message) {
        values.put(key, value);

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class).hasMessage(message);
    }

    @Test
    void whenANamedIssuerHasAValueOutsideItsBoundsThenTheErrorNamesItsOwnProperty() {
        values.put("bearer.issuers.kc.issuer", "https://kc.example/realms/b");
        values.put("bearer.issuers.kc.clock-skew", "1h");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.issuers.kc.clock-skew must be a duration from 0s to 10m" + SUCH_AS);
    }

    @Test
    void whenTheRetryIntervalExceedsTheMaximumBackoffThenTheDeploymentFails() {
        values.put("bearer.jwks.retry-interval", "10m");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.jwks.max-backoff must be a duration no shorter than bearer.jwks.retry-interval");
    }

    @Test
    void whenTheDefaultTtlIsOutsideTheMinimumAndMaximumTtlThenTheDeploymentFails() {
        values.put("bearer.jwks.default-ttl", "30s");
        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.jwks.default-ttl must be a duration from bearer.jwks.min-ttl to bearer.jwks.max-ttl");

        values.put("bearer.jwks.default-ttl", "2d");
        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.jwks.default-ttl must be a duration from bearer.jwks.min-ttl to bearer.jwks.max-ttl");
    }

    @Test
    void whenHs384OrHs512HasASecretShorterThanItsHashOutputThenTheDeploymentFails() {
        var secret32 = "0123456789abcdef0123456789abcdef";
        values.put("bearer.shared-secret", secret32);
        values.put("bearer.algorithms", "HS256,HS384");
        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.shared-secret must be at least 48 bytes for HS384 (RFC 7518 §3.2)");

        values.put("bearer.shared-secret", secret32 + secret32.substring(16));
        values.put("bearer.algorithms", "HS384,HS512");
        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.shared-secret must be at least 64 bytes for HS512 (RFC 7518 §3.2)");

        values.put("bearer.shared-secret", secret32 + secret32);
        assertThat(issuer().algorithms()).containsExactlyInAnyOrder("HS384", "HS512");
    }

    @Test
    void whenEveryValueIsAtItsBoundThenItIsAccepted() {
        values.putAll(Map.ofEntries(Map.entry("bearer.clock-skew", "10m"),
                Map.entry("bearer.jwks.min-refresh-interval", "1s"), Map.entry("bearer.jwks.retry-interval", "100ms"),
                Map.entry("bearer.jwks.max-backoff", "100ms"), Map.entry("bearer.jwks.max-staleness", "30d"),
                Map.entry("bearer.jwks.min-ttl", "1s"), Map.entry("bearer.jwks.default-ttl", "1s"),
                Map.entry("bearer.jwks.max-ttl", "30d"), Map.entry("bearer.jwks.max-response-bytes", "16777216"),
                Map.entry("bearer.http.connect-timeout", "100ms"), Map.entry("bearer.http.read-timeout", "5m"),
                Map.entry("bearer.max-token-length", "256"), Map.entry("bearer.token-cache.size", "1000000"),
                Map.entry("bearer.cache.hazelcast.port", "65535")));

        var config = read();
        var keys = config.issuers().get(0).keys();

        assertThat(config.issuers().get(0).clockSkew()).isEqualTo(Duration.ofMinutes(10));
        assertThat(keys.retryInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(keys.maxStaleness()).isEqualTo(Duration.ofDays(30));
        assertThat(keys.readTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxTokenLength()).isEqualTo(256);
        assertThat(config.tokenCacheSize()).isEqualTo(1_000_000);
        assertThat(config.cache().hazelcast().port()).isEqualTo(65535);
    }

    @Test
    void whenNothingIsSaidAboutHealthThenTheStartGraceIsAMinuteAndReadinessMayGoDown() {
        assertThat(read().health()).isEqualTo(new BearerConfig.HealthSettings(Duration.ofMinutes(1), true));
    }

    @Test
    void whenHealthIsConfiguredThenBothSettingsAreReadAndABadOneFailsNamingIt() {
        values.put("bearer.health.start-grace", "90s");
        values.put("bearer.health.readiness-down", "false");
        assertThat(read().health()).isEqualTo(new BearerConfig.HealthSettings(Duration.ofSeconds(90), false));

        values.put("bearer.health.readiness-down", "no");
        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessageStartingWith("bearer.health.readiness-down");
        values.put("bearer.health.readiness-down", "true");
        values.put("bearer.health.start-grace", "2h");
        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessageStartingWith("bearer.health.start-grace");
    }

    @Test
    void whenANamedIssuerSetsAHealthPropertyThenItIsNotOneOfItsOwn() {
        assertThat(Property.HEALTH_START_GRACE.perIssuer()).isFalse();
        assertThat(Property.HEALTH_READINESS_DOWN.perIssuer()).isFalse();
    }

    @Test
    void whenAnyBoundedValueIsJustOutsideItsBoundsThenTheErrorNamesThePropertyAndItsBounds() {
        var bounded = Arrays.stream(Property.values()).filter(p -> p.range().isPresent()).toList();
        assertThat(bounded).hasSize(24); // every duration and number
        for (var p : bounded) {
            var range = p.range().orElseThrow();
            var isDuration = PropertyValues.parseDuration(range.max()) != null && !range.max().matches("\\d+");
            var outside = isDuration
                    ? List.of(PropertyValues.parseDuration(range.min()).minusMillis(1).toString(),
                            PropertyValues.parseDuration(range.max()).plusMillis(1).toString())
                    : List.of(String.valueOf(Long.parseLong(range.min()) - 1),
                            String.valueOf(Long.parseLong(range.max()) + 1));
            for (var value : outside) {
                var saved = new HashMap<>(values);
                values.put(p.key(), value);
                assertThatThrownBy(this::read).as(p.key() + "=" + value).isInstanceOf(BearerConfigException.class)
                        .hasMessageStartingWith(p.key() + " must be a " + (isDuration ? "duration" : "whole number")
                                + " from " + range.min() + " to " + range.max());
                values.clear();
                values.putAll(saved);
            }
        }
    }

    @Test
    void whenTheIssuersKeysComeFromDiscoveryOrAJwksUriThenItsRegionKeyIsTheIssuerAndADigestOfTheSource() {
        var discovery = issuer().regionKey();
        values.put("bearer.jwks-uri", "https://id.example/keys");
        var configured = issuer().regionKey();
        values.put("bearer.jwks-uri", "https://id.example/other-keys");
        var other = issuer().regionKey();

        assertThat(discovery).isEqualTo("https://id.example/realms/a f7e5cc5b3b9ff52a");
        assertThat(configured).matches("https://id\\.example/realms/a [0-9a-f]{16}");
        assertThat(Set.of(discovery, configured, other)).hasSize(3);
    }

    private static final String CACHE_SECRET = "a cache secret of at least 32 bytes, never logged";

    @ParameterizedTest
    @CsvSource({"hazelcast", "hazelcast-client", "payara", "com.example.SomeCachingProvider"})
    void whenTheCacheIsSharedAndNoSecretIsSetThenTheDeploymentFailsNamingTheSecret(String provider) {
        values.put("bearer.cache.provider", provider);

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.cache.secret is required with bearer.cache.provider=" + provider + ": whoever"
                        + " can write to a shared cache could otherwise install signing keys for every node. Set the"
                        + " same secret of at least 32 bytes on every node (environment variable BEARER_CACHE_SECRET),"
                        + " or bearer.cache.unauthenticated=true to trust whoever can write to the cache");
    }

    @Test
    void whenTheCacheSecretIsShorterThan32BytesThenTheErrorSaysSoWithoutShowingIt() {
        values.put("bearer.cache.provider", "hazelcast");
        values.put("bearer.cache.secret", "0123456789abcdef0123456789abcde"); // 31 bytes

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.cache.secret must be at least 32 bytes (UTF-8)");
    }

    @Test
    void whenTheCacheSecretAndTheOptOutAreBothSetThenTheDeploymentFails() {
        values.put("bearer.cache.provider", "hazelcast");
        values.put("bearer.cache.secret", CACHE_SECRET);
        values.put("bearer.cache.unauthenticated", "true");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.cache.unauthenticated=true contradicts bearer.cache.secret: set one or the other");
    }

    @Test
    void whenTheCacheSecretIsSetThenTheCacheSettingsCarryItsBytesButNeverShowThem() {
        values.put("bearer.cache.provider", "hazelcast");
        values.put("bearer.cache.secret", CACHE_SECRET);

        var cache = read().cache();

        assertThat(cache.secret()).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(CACHE_SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(cache.unauthenticated()).isFalse();
        assertThat(cache.toString()).contains("secret=(set)").doesNotContain(CACHE_SECRET);
    }

    @Test
    void whenTheCacheIsEhcacheInTheProcessThenNoSecretIsRequired() {
        var cache = read().cache();

        assertThat(cache.shared()).isFalse();
        assertThat(cache.secret()).isEmpty();
        assertThat(cache.unauthenticated()).isFalse();
    }

    @Test
    void whenASharedCacheOptsOutOfAuthenticationThenAWarningAtStartSaysWhatThatMeans() {
        values.put("bearer.cache.provider", "hazelcast-client");
        values.put("bearer.cache.unauthenticated", "true");

        try (var log = new LogCapture()) {
            assertThat(read().cache().unauthenticated()).isTrue();

            assertThat(log.lines()).containsExactly("WARNING bearer-guard: entries of the JCache region are not"
                    + " authenticated (bearer.cache.unauthenticated=true): whoever can write to the cache of"
                    + " bearer.cache.provider=hazelcast-client can install signing keys for every node");
        }
    }

    @Test
    void whenTheOptOutIsNeitherTrueNorFalseThenTheErrorNamesIt() {
        values.put("bearer.cache.unauthenticated", "yes");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessage("bearer.cache.unauthenticated must be true or false");
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

    @Test
    void whenAnIssuerOrJwksUrlCarriesCredentialsThenTheDeploymentFailsWithoutEchoingThem() {
        for (var key : List.of("bearer.issuer", "bearer.jwks-uri")) {
            var config = org.bearerguard.testing.TestConfig.issuer("https://id.example")
                    .with(key, "https://user:s3cret@id.example/keys");

            assertThatThrownBy(config::build).isInstanceOf(BearerConfigException.class)
                    .hasMessageContaining(key).hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void whenNothingIsSaidAboutDpopThenItIsAllowedCertificateBindingIsOnAndProofsLiveAMinute() {
        var config = read();

        assertThat(config.issuers().get(0).dpop()).isEqualTo(org.bearerguard.DpopMode.ALLOWED);
        assertThat(config.issuers().get(0).mtls()).isTrue();
        assertThat(config.dpop().proofWindow()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(config.dpop().nonce()).isFalse();
        assertThat(config.dpop().externalBaseUrl()).isEmpty();
    }

    @Test
    void whenANamedIssuerSetsItsOwnDpopModeThenOnlyItChanges() {
        values.put("bearer.dpop", "required");
        values.put("bearer.issuers.kc.issuer", "https://kc.example/realms/b");
        values.put("bearer.issuers.kc.dpop", "off");

        var config = read();

        assertThat(config.issuers()).extracting(IssuerConfig::dpop)
                .containsExactly(org.bearerguard.DpopMode.REQUIRED, org.bearerguard.DpopMode.OFF);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "bearer.dpop | sometimes | bearer.dpop must be off, allowed or required",
            "bearer.mtls | yes | bearer.mtls must be on or off",
            "bearer.dpop.algorithms | HS256 | bearer.dpop.algorithms must be a list of ES256, ES384, ES512, EdDSA, PS256,"
                    + " PS384, PS512, RS256, RS384, RS512 (got 'HS256')",
            "bearer.dpop.algorithms | none | bearer.dpop.algorithms must be a list of ES256, ES384, ES512, EdDSA, PS256,"
                    + " PS384, PS512, RS256, RS384, RS512 (got 'none')",
            "bearer.dpop.nonce-secret | short | bearer.dpop.nonce-secret must be at least 32 bytes",
            "bearer.dpop.external-base-url | ftp://api.example | bearer.dpop.external-base-url must be an absolute http"
                    + " or https URL without user info, query or fragment",
            "bearer.dpop.external-base-url | https://api.example/a?b=c | bearer.dpop.external-base-url must be an"
                    + " absolute http or https URL without user info, query or fragment",
    })
    void whenADpopValueIsWrongThenTheErrorNamesTheProperty(String key, String value, String message) {
        values.put(key, value);

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void whenNoncesAreOnWithASharedCacheThatHasNoSecretThenTheDeploymentFails() {
        values.put("bearer.dpop.nonce", "true");
        values.put("bearer.cache.provider", "hazelcast");
        values.put("bearer.cache.unauthenticated", "true");

        assertThatThrownBy(this::read).isInstanceOf(BearerConfigException.class)
                .hasMessageStartingWith("bearer.dpop.nonce=true with bearer.cache.provider=hazelcast needs"
                        + " bearer.dpop.nonce-secret");
    }

    @Test
    void whenTheExternalBaseUrlEndsWithASlashThenItIsDropped() {
        values.put("bearer.dpop.external-base-url", "https://api.example/shop/");

        assertThat(read().dpop().externalBaseUrl()).contains(java.net.URI.create("https://api.example/shop"));
    }
}
