package org.bearerguard.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.testing.TestRequests.bearer;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.ErrorResponder;
import org.bearerguard.internal.filter.BearerAuthenticator;
import org.bearerguard.internal.sender.RequestFacts;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestChallenges;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code bearer.resource}: every 401 and 403 names the resource's metadata (RFC 9728 §5.1), the 401 without
 * a token names the scopes the method requires (MCP 2025-11-25), and the resource identifier is the audience: a
 * token must name the very resource it is used at (RFC 8707).
 */
class DiscoveryChallengeTest {

    static final String ROOT = "https://api.example.com/shop";
    static final String MCP = ROOT + "/mcp";
    static final String ROOT_METADATA = ROOT + "/.well-known/oauth-protected-resource";
    static final String MCP_METADATA = ROOT + "/.well-known/oauth-protected-resource/mcp";

    private static JwksServer issuer;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).without("bearer.audience")
                .with("bearer.resource", ROOT).with("bearer.resource.paths", "/mcp").build());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    private static String token(Object audience, String scope) {
        return TestTokens.rs256().issuer(issuer.issuer()).audience(audience).scope(scope).build();
    }

    @Test
    void whenNoTokenComesThenThe401NamesTheRequiredScopesAndTheMetadataOfTheResourceOfThePath() {
        var response = pipeline.respond(RequestFacts.bearer(List.of()), Requirement.scopes("orders:read"), "/mcp");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers()).containsEntry(ErrorResponder.WWW_AUTHENTICATE,
                "Bearer realm=\"test\", scope=\"orders:read\", resource_metadata=\"" + MCP_METADATA + "\""
                        + ", DPoP realm=\"test\", " + TestChallenges.ALGS + ", resource_metadata=\"" + MCP_METADATA
                        + "\"");
    }

    @Test
    void whenNoTokenComesToAMethodWithoutScopesThenThe401NamesOnlyTheMetadata() {
        var response = pipeline.respond(RequestFacts.bearer(List.of()), Requirement.NONE, "/api/orders");

        assertThat(response.headers().get(ErrorResponder.WWW_AUTHENTICATE)).isEqualTo(
                "Bearer realm=\"test\", resource_metadata=\"" + ROOT_METADATA + "\""
                        + ", DPoP realm=\"test\", " + TestChallenges.ALGS + ", resource_metadata=\"" + ROOT_METADATA
                        + "\"");
    }

    @Test
    void whenATokenLacksAScopeThenThe403NamesTheScopeAndTheMetadata() {
        var response = pipeline.respond(bearer(token(MCP, "profile")), Requirement.scopes("orders:read"), "/mcp");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().get(ErrorResponder.WWW_AUTHENTICATE)).isEqualTo(
                "Bearer realm=\"test\", error=\"insufficient_scope\", error_description=\"The token lacks a required"
                        + " scope\", scope=\"orders:read\", resource_metadata=\"" + MCP_METADATA + "\""
                        + ", DPoP realm=\"test\", " + TestChallenges.ALGS + ", resource_metadata=\"" + MCP_METADATA
                        + "\"");
    }

    /** The servlet filter's MCP tool scopes: read from the body after the token passed, refused as a method's. */
    @Test
    void whenAToolScopeIsFoundMissingAfterTheTokenPassedThenThe403IsTheOneAMissingMethodScopeGets() throws Exception {
        var resource = pipeline.authenticator().resources().forPath("/mcp");
        var caller = pipeline.authenticator().authenticate(bearer(token(MCP, "profile")), Requirement.NONE, resource);

        var refusal = pipeline.authenticator().refusing(caller, Requirement.NONE,
                BearerException.missingScopes(List.of("orders:read")));
        var response = pipeline.authenticator().render(refusal,
                BearerAuthenticator.discovery(Requirement.NONE, resource));

        assertThat(response).isEqualTo(pipeline.respond(bearer(token(MCP, "profile")),
                Requirement.scopes("orders:read"), "/mcp"));
    }

    @Test
    void whenTheCallerCameWithDpopThenTheLater403ChallengesWithDpopAlone() throws Exception {
        var resource = pipeline.authenticator().resources().forPath("/mcp");
        var verified = pipeline.authenticator().authenticate(bearer(token(MCP, "profile")), Requirement.NONE, resource);
        var dpopCaller = (BearerPrincipal) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BearerPrincipal.class}, (proxy, method, args) ->
                        method.getName().equals("getDpopKeyThumbprint") ? Optional.of("jkt")
                                : method.invoke(verified, args));

        var refusal = pipeline.authenticator().refusing(dpopCaller, Requirement.NONE,
                BearerException.missingScopes(List.of("orders:read")));

        assertThat(pipeline.authenticator().render(refusal, BearerAuthenticator.discovery(Requirement.NONE, resource))
                .headers().get(ErrorResponder.WWW_AUTHENTICATE)).isEqualTo("DPoP realm=\"test\","
                        + " error=\"insufficient_scope\", error_description=\"The token lacks a required scope\","
                        + " scope=\"orders:read\", " + TestChallenges.ALGS + ", resource_metadata=\"" + MCP_METADATA
                        + "\"");
    }

    @Test
    void whenATokenNamesTheResourceOfThePathThenItIsAccepted() {
        assertThat(pipeline.respond(bearer(token(MCP, "orders:read")), Requirement.scopes("orders:read"), "/mcp")
                .status()).isEqualTo(200);
        assertThat(pipeline.respond(bearer(token(ROOT, "")), Requirement.NONE, "/api/orders").status())
                .isEqualTo(200);
        assertThat(pipeline.respond(bearer(token(List.of("other", MCP), "")), Requirement.NONE, "/mcp/sse").status())
                .as("an aud array that contains it, below the resource path").isEqualTo(200);
    }

    @Test
    void whenATokenNamesAnotherResourceOfTheSameApplicationThenItIsRefusedAsNotMeantForThisAudience() {
        var forRoot = pipeline.respond(bearer(token(ROOT, "orders:read")), Requirement.NONE, "/mcp");
        var forMcp = pipeline.respond(bearer(token(MCP, "orders:read")), Requirement.NONE, "/api/orders");
        var prefixOnly = pipeline.respond(bearer(token(MCP, "")), Requirement.NONE, "/mcpx");

        for (var response : List.of(forRoot, forMcp, prefixOnly)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers().get(ErrorResponder.WWW_AUTHENTICATE))
                    .startsWith("Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The token is not"
                            + " meant for this audience\", resource_metadata=\"");
        }
    }

    @Test
    void whenATokenNamesNoResourceOfTheApplicationThenItIsRefusedEverywhere() {
        assertThat(pipeline.respond(bearer(token("api", "")), Requirement.NONE, "/mcp").status()).isEqualTo(401);
        assertThat(pipeline.respond(bearer(token("https://api.example.com/shop/", "")), Requirement.NONE, "")
                .status()).as("compared exactly: a trailing slash is another identifier").isEqualTo(401);
    }

    @Test
    void whenBearerAudienceIsSetBesidesTheResourceThenTheConfiguredAudienceIsWhatIsChecked() {
        try (var explicit = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.audience", "api")
                .with("bearer.resource", ROOT).build())) {
            assertThat(explicit.respond(bearer(token("api", "")), Requirement.NONE, "").status()).isEqualTo(200);
            assertThat(explicit.respond(bearer(token(ROOT, "")), Requirement.NONE, "").status()).isEqualTo(401);
        }
    }

    @Test
    void whenNoResourceIsConfiguredThenChallengesAreAsBefore() {
        try (var plain = new Pipeline(TestConfig.issuer(issuer.issuer()).build())) {
            var response = plain.respond(RequestFacts.bearer(List.of()), Requirement.scopes("orders:read"), "/mcp");
            assertThat(response.headers()).isEqualTo(Map.of("Cache-Control", "no-store",
                    ErrorResponder.WWW_AUTHENTICATE, "Bearer realm=\"test\"" + TestChallenges.AND_DPOP));
        }
    }
}
