package org.bearerguard.it.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bearerguard.testing.TestProofs;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A running Keycloak, seen from outside over HTTP: tokens through the token endpoint (client credentials, password
 * grant) and changes through the admin REST API, as an operator would make them. Used by {@link KeycloakLauncher}
 * (to finish the realms after import) and by the integration tests.
 */
public final class Keycloak {

    /** The service account Keycloak creates at start-up from {@code KC_BOOTSTRAP_ADMIN_CLIENT_ID/SECRET}. */
    static final String ADMIN_CLIENT_ID = "bearer-guard-admin";
    static final String ADMIN_CLIENT_SECRET = "bearer-guard-admin-secret";

    /** Realms imported from {@code server-config/keycloak/*-realm.json}, and Keycloak's own. */
    public static final String DEMO = "demo";
    public static final String PARTNER = "partner";
    public static final String MASTER = "master";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public Keycloak(URI base) {
        this.base = base;
    }

    /** The Keycloak the build started: {@code -Dkeycloak.url}, set by failsafe. */
    public static Keycloak fromSystemProperty() {
        var url = System.getProperty("keycloak.url");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("keycloak.url is not set: run the tests through `mvn verify`");
        }
        return new Keycloak(URI.create(url.endsWith("/") ? url : url + "/"));
    }

    public URI base() {
        return base;
    }

    /** The realm's issuer, exactly as Keycloak writes it into {@code iss}. */
    public String issuer(String realm) {
        return base.resolve("realms/" + realm).toString();
    }

    /** A client-credentials access token; {@code scope} may be empty. */
    public String clientCredentials(String realm, String clientId, String secret, String scope) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        if (!scope.isEmpty()) {
            form.put("scope", scope);
        }
        return token(realm, form);
    }

    /**
     * A DPoP-bound client-credentials access token (RFC 9449 §5): the token request carries, in its {@code DPoP}
     * header, a proof for {@code POST <token endpoint>} signed with {@code key} under {@code alg}, so Keycloak binds
     * the token to that key ({@code cnf.jkt}). Should Keycloak answer {@code use_dpop_nonce} (§8), the request is
     * made once more with a fresh proof carrying the {@code DPoP-Nonce} it sent. Fails unless the answer's
     * {@code token_type} is {@code DPoP}, so a client Keycloak does not bind cannot pass for one it does.
     */
    public String dpopClientCredentials(String realm, String clientId, String secret, PublicJsonWebKey key,
                                        String alg) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        var endpoint = tokenEndpoint(realm);
        var proof = TestProofs.forRequest("POST", endpoint.toString()).signedBy(key, alg);
        var response = send(tokenRequest(endpoint, form).header("DPoP", proof.build()), 200, 400);
        if (response.statusCode() == 400) {
            var nonce = response.headers().firstValue("DPoP-Nonce");
            if (!"use_dpop_nonce".equals(json(response.body()).get("error")) || nonce.isEmpty()) {
                throw new IllegalStateException("POST " + endpoint + " with a DPoP proof answered 400: "
                        + response.body());
            }
            var retry = TestProofs.forRequest("POST", endpoint.toString()).signedBy(key, alg).nonce(nonce.get());
            response = send(tokenRequest(endpoint, form).header("DPoP", retry.build()), 200);
        }
        var token = json(response.body());
        if (!"DPoP".equalsIgnoreCase(String.valueOf(token.get("token_type")))) {
            throw new IllegalStateException("client " + clientId + " of realm " + realm
                    + " got no DPoP-bound token: " + response.body());
        }
        return (String) token.get("access_token");
    }

    /** A resource-owner password grant access token. */
    public String password(String realm, String clientId, String secret, String user, String password, String scope) {
        return (String) passwordGrant(realm, clientId, secret, user, password, scope).get("access_token");
    }

    /** The tokens of a password grant that tests use: the access token, and the refresh token of its session. */
    public record Session(String accessToken, String refreshToken) {
    }

    /** A resource-owner password grant: a new user session, with its access and refresh token. */
    public Session passwordSession(String realm, String clientId, String secret, String user, String password,
                                   String scope) {
        var response = passwordGrant(realm, clientId, secret, user, password, scope);
        return new Session((String) response.get("access_token"), (String) response.get("refresh_token"));
    }

    /** The ID token of a resource-owner password grant with scope {@code openid}. */
    public String idToken(String realm, String clientId, String secret, String user, String password) {
        return (String) passwordGrant(realm, clientId, secret, user, password, "").get("id_token");
    }

    private Map<String, Object> passwordGrant(String realm, String clientId, String secret, String user,
                                              String password, String scope) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("username", user);
        form.put("password", password);
        form.put("scope", scope.isEmpty() ? "openid" : "openid " + scope);
        return tokenResponse(realm, form);
    }

    /** A token of the realm's one client {@code <realm>-cli} (secret {@code <realm>-cli-secret}). */
    public String serviceToken(String realm) {
        return clientCredentials(realm, realm + "-cli", realm + "-cli-secret", "");
    }

    private String token(String realm, Map<String, String> form) {
        return (String) tokenResponse(realm, form).get("access_token");
    }

    private Map<String, Object> tokenResponse(String realm, Map<String, String> form) {
        var response = send(tokenRequest(tokenEndpoint(realm), form), 200);
        return json(response.body());
    }

    /**
     * Revokes an access token (RFC 7009, {@code token_type_hint=access_token}) as the client it was issued to, as that
     * client would: Keycloak answers 200 and from then on introspects the token as {@code {"active":false}}, while
     * the JWT stays valid by its signature and {@code exp}. The session, if any, lives on.
     */
    public void revoke(String realm, String clientId, String secret, String accessToken) {
        var form = new LinkedHashMap<String, String>();
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("token", accessToken);
        form.put("token_type_hint", "access_token");
        send(tokenRequest(base.resolve("realms/" + realm + "/protocol/openid-connect/revoke"), form), 200);
    }

    /**
     * Ends the user session of {@code refreshToken} at Keycloak's logout endpoint, as a confidential client logs its
     * user out (204); the session's access tokens introspect as {@code {"active":false}} at once.
     */
    public void logout(String realm, String clientId, String secret, String refreshToken) {
        var form = new LinkedHashMap<String, String>();
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("refresh_token", refreshToken);
        send(tokenRequest(base.resolve("realms/" + realm + "/protocol/openid-connect/logout"), form), 204);
    }

    /**
     * What the realm's introspection endpoint (RFC 7662) answers about {@code token} to this client
     * ({@code client_secret_post}). Keycloak answers {@code active: true} only to a client in the token's {@code aud}.
     */
    public Map<String, Object> introspect(String realm, String clientId, String secret, String token) {
        var form = new LinkedHashMap<String, String>();
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("token", token);
        var endpoint = base.resolve("realms/" + realm + "/protocol/openid-connect/token/introspect");
        return json(send(tokenRequest(endpoint, form), 200).body());
    }

    /** The realm's token endpoint, exactly as a DPoP proof's {@code htu} must name it. */
    public URI tokenEndpoint(String realm) {
        return base.resolve("realms/" + realm + "/protocol/openid-connect/token");
    }

    private static HttpRequest.Builder tokenRequest(URI endpoint, Map<String, String> form) {
        var body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    // ---- admin REST API -----------------------------------------------------------------------------------------

    /** GET under {@code /admin/realms/}, parsed; a JSON array comes back as {@code {"items": [...]}}. */
    public Map<String, Object> adminGet(String path) {
        var response = send(admin(path).GET(), 200);
        var body = response.body().strip();
        return body.startsWith("[") ? json("{\"items\":" + body + "}") : json(body);
    }

    /** POST a JSON body under {@code /admin/realms/}; returns the id of what was created (from {@code Location}). */
    public String adminCreate(String path, Map<String, Object> representation) {
        var response = send(admin(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(representation))), 201);
        var location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** PUT a JSON body under {@code /admin/realms/}. */
    public void adminUpdate(String path, Map<String, Object> representation) {
        send(admin(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(representation))), 204);
    }

    /** PUT with no body (links such as a client's optional scope). */
    public void adminLink(String path) {
        send(admin(path).PUT(HttpRequest.BodyPublishers.noBody()), 204);
    }

    /** The realm's key provider components ({@code rsa-generated}, {@code rsa-enc-generated}, ...). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> keyProviders(String realm) {
        var items = (List<Map<String, Object>>) adminGet(realm + "/components?type=org.keycloak.keys.KeyProvider")
                .get("items");
        return new ArrayList<>(items);
    }

    /**
     * A new realm from a realm JSON file under another name (replacing a realm of that name), for a test that changes
     * the realm and must not meet a previous run's changes.
     */
    public void createRealm(String name, Path template) {
        Map<String, Object> realm;
        try {
            realm = new LinkedHashMap<>(json(Files.readString(template, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        realm.put("realm", name);
        send(admin(name).DELETE(), 204, 404);
        send(admin("").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(realm))), 201);
    }

    /** The id of the realm's key provider with this provider id (e.g. {@code rsa-generated}) and name. */
    public String keyProvider(String realm, String providerId) {
        return keyProviders(realm).stream().filter(c -> providerId.equals(c.get("providerId")))
                .map(c -> (String) c.get("id")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + providerId + " key provider in " + realm));
    }

    /** Adds a key provider component ({@code rsa-generated}, {@code ecdsa-generated}, ...); returns its id. */
    public String addKeyProvider(String realm, String name, String providerId, Map<String, String> config) {
        var representation = new LinkedHashMap<String, Object>();
        representation.put("name", name);
        representation.put("providerId", providerId);
        representation.put("providerType", "org.keycloak.keys.KeyProvider");
        representation.put("parentId", adminGet(realm).get("id"));
        var values = new LinkedHashMap<String, Object>();
        config.forEach((k, v) -> values.put(k, List.of(v)));
        representation.put("config", values);
        return adminCreate(realm + "/components", representation);
    }

    /** Sets one configuration value of a component, e.g. {@code active=false} or {@code enabled=false} of a key. */
    @SuppressWarnings("unchecked")
    public void setComponent(String realm, String componentId, String key, String value) {
        var representation = new LinkedHashMap<>(adminGet(realm + "/components/" + componentId));
        var config = new LinkedHashMap<>((Map<String, Object>) representation.get("config"));
        config.put(key, List.of(value));
        representation.put("config", config);
        adminUpdate(realm + "/components/" + componentId, representation);
    }

    /** The realm's published JWKS, as any client sees it. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> publishedKeys(String realm) {
        var response = send(HttpRequest.newBuilder(base.resolve("realms/" + realm + "/protocol/openid-connect/certs"))
                .GET(), 200);
        return (List<Map<String, Object>>) json(response.body()).get("keys");
    }

    /** The internal id of a client, for admin paths. */
    @SuppressWarnings("unchecked")
    public String clientUuid(String realm, String clientId) {
        var items = (List<Map<String, Object>>) adminGet(realm + "/clients?clientId=" + clientId).get("items");
        if (items.size() != 1) {
            throw new IllegalStateException("client " + clientId + " not found in realm " + realm);
        }
        return (String) items.get(0).get("id");
    }

    /**
     * A confidential client of the password grant (and client credentials) whose access tokens carry
     * {@code audience} in {@code aud}, put there by an audience mapper, and which may ask for these optional client
     * scopes: how a resource identifier known only at run time (a reserved port) gets into Keycloak's tokens.
     * Replaces a client of that id, so a rerun against the same Keycloak starts afresh.
     */
    @SuppressWarnings("unchecked")
    public void replaceAudienceClient(String realm, String clientId, String secret, String audience,
                                      String... optionalScopes) {
        var existing = (List<Map<String, Object>>) adminGet(realm + "/clients?clientId=" + clientId).get("items");
        for (var client : existing) {
            send(admin(realm + "/clients/" + client.get("id")).DELETE(), 204);
        }
        var mapper = new LinkedHashMap<String, Object>();
        mapper.put("name", "audience " + audience);
        mapper.put("protocol", "openid-connect");
        mapper.put("protocolMapper", "oidc-audience-mapper");
        mapper.put("config", Map.of("included.custom.audience", audience, "access.token.claim", "true",
                "id.token.claim", "false"));
        var client = new LinkedHashMap<String, Object>();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", false);
        client.put("secret", secret);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", true);
        client.put("serviceAccountsEnabled", true);
        client.put("protocolMappers", List.of(mapper));
        var uuid = adminCreate(realm + "/clients", client);
        var scopes = (List<Map<String, Object>>) adminGet(realm + "/client-scopes").get("items");
        for (var name : optionalScopes) {
            var scopeId = scopes.stream().filter(s -> name.equals(s.get("name"))).map(s -> (String) s.get("id"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no client scope " + name + " in "
                            + realm));
            adminLink(realm + "/clients/" + uuid + "/optional-client-scopes/" + scopeId);
        }
    }

    private HttpRequest.Builder admin(String path) {
        var token = clientCredentials(MASTER, ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, "");
        return HttpRequest.newBuilder(base.resolve("admin/realms/" + path)).header("Authorization", "Bearer " + token);
    }

    /**
     * What a realm JSON file cannot say without losing Keycloak's built-in client scopes (declaring
     * {@code clientScopes} replaces them all, {@code roles} and {@code basic} included): the optional client scope
     * {@code orders:read}, which {@code demo-cli} and {@code demo-light-cli} get only when they ask for it.
     */
    void finishRealms() {
        var scope = new LinkedHashMap<String, Object>();
        scope.put("name", "orders:read");
        scope.put("protocol", "openid-connect");
        scope.put("attributes", Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"));
        var scopeId = adminCreate(DEMO + "/client-scopes", scope);
        for (var client : List.of("demo-cli", "demo-light-cli")) {
            adminLink(DEMO + "/clients/" + clientUuid(DEMO, client) + "/optional-client-scopes/" + scopeId);
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    /** GET an absolute URL; the status, or -1 when nothing answers. */
    int probe(URI uri) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, int... expected) {
        var built = request.timeout(Duration.ofSeconds(30)).build();
        final HttpResponse<String> response;
        try {
            response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (Arrays.stream(expected).noneMatch(status -> status == response.statusCode())) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static Map<String, Object> json(String body) {
        try {
            return JsonUtil.parseJson(body);
        } catch (JoseException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
