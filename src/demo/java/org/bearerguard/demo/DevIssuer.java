package org.bearerguard.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * DEVELOPMENT ONLY: a toy authorization server inside the demo, so that the demo runs with no setup. It publishes
 * discovery and a JWKS and mints a token for anyone who asks. It answers only while {@code bearer.issuer} points at
 * it and no other issuer is named; with {@code BEARER_ISSUER} set to a real issuer, or any issuer named under
 * {@code bearer.issuers} ({@code BEARER_ISSUERS…}), it is switched off (404).
 */
@Path("/dev-issuer")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class DevIssuer {

    @Inject
    @ConfigProperty(name = "bearer.issuer")
    String configuredIssuer;

    @Inject
    @ConfigProperty(name = "demo.dev-issuer.url")
    String ownUrl;

    /**
     * The {@code aud} of a token asked for without {@code resource}: the demo's own resource identifier, which its
     * {@code /api} resources take as audience.
     */
    @Inject
    @ConfigProperty(name = "bearer.resource")
    String defaultResource;

    private RsaJsonWebKey key;

    @Inject
    org.eclipse.microprofile.config.Config config;

    private void requireEnabled() {
        if (!ownUrl.equals(configuredIssuer) || namesOtherIssuers()) {
            throw new NotFoundException();
        }
    }

    /** A real issuer named beside the dev issuer: the dev issuer must not mint tokens it would accept. */
    private boolean namesOtherIssuers() {
        for (var name : config.getPropertyNames()) {
            if (name.startsWith("bearer.issuers") || name.startsWith("BEARER_ISSUERS")) {
                return true;
            }
        }
        return false;
    }

    private synchronized RsaJsonWebKey key() throws JoseException {
        if (key == null) {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("dev-" + Long.toHexString(System.nanoTime()));
            key.setUse("sig");
            key.setAlgorithm("RS256");
        }
        return key;
    }

    @GET
    @Path(".well-known/openid-configuration")
    public String discovery() {
        requireEnabled();
        // token_endpoint: what a discovering client (an MCP client following the 401) takes a token from
        return JsonUtil.toJson(Map.of("issuer", ownUrl, "jwks_uri", ownUrl + "/jwks", "token_endpoint",
                ownUrl + "/token"));
    }

    @GET
    @Path("jwks")
    public String jwks() throws JoseException {
        requireEnabled();
        return new JsonWebKeySet(key()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * {@code POST /api/dev-issuer/token?sub=alice&scope=orders:read&roles=admin}: a five-minute RS256 token. Its
     * {@code aud} is each {@code resource} asked for (RFC 8707 §2: {@code &resource=http://127.0.0.1:9080/mcp} for
     * the MCP server), else the demo's resource identifier.
     */
    @POST
    @Path("token")
    public String token(@QueryParam("sub") String sub, @QueryParam("scope") String scope,
                        @QueryParam("roles") String roles, @QueryParam("resource") List<String> resources)
            throws JoseException {
        requireEnabled();
        Object audience = resources.isEmpty() ? defaultResource
                : resources.size() == 1 ? resources.get(0) : List.copyOf(resources);
        var now = Instant.now().getEpochSecond();
        var subject = sub == null || sub.isBlank() ? "alice" : sub;
        var claims = Map.<String, Object>of(
                "iss", ownUrl, "aud", audience, "sub", subject, "preferred_username", subject, "iat", now,
                "exp", now + 300,
                "scope", scope == null ? "" : scope,
                "realm_access", Map.of("roles", roles == null || roles.isBlank() ? List.of() : List.of(roles.split(","))));
        var jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setAlgorithmHeaderValue("RS256");
        jws.setKeyIdHeaderValue(key().getKeyId());
        jws.setHeader("typ", "at+jwt");
        jws.setKey(key().getPrivateKey());
        return JsonUtil.toJson(Map.of("access_token", jws.getCompactSerialization(), "token_type", "Bearer",
                "expires_in", 300));
    }
}
