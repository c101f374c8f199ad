package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.it.keycloak.Keycloak.DEMO;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.bearerguard.it.keycloak.Keycloak;
import org.jose4j.json.JsonUtil;

/**
 * The callers of the build's Keycloak demo realm and what the test application must make of them, whether their
 * tokens are verified here ({@code KeycloakIT}) or introspected ({@code IntrospectionIT}): the same caller either way.
 */
final class DemoRealmCallers {

    private DemoRealmCallers() {
    }

    /** A client-credentials token of {@code demo-cli}; {@code scope} may be empty. */
    static String demoClient(Keycloak keycloak, String scope) {
        return keycloak.clientCredentials(DEMO, "demo-cli", "demo-cli-secret", scope);
    }

    /** A password-grant token of {@code demo-cli} for the user {@code name} (password = name). */
    static String user(Keycloak keycloak, String name, String scope) {
        return keycloak.password(DEMO, "demo-cli", "demo-cli-secret", name, name, scope);
    }

    /** The payload of a JWT, as Keycloak wrote it (not verified). */
    static Map<String, Object> payload(String token) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
    }

    /** {@code demo-cli}'s service account, as {@code api/me} shows it. */
    static void assertServiceAccount(Keycloak keycloak, HttpResponse<String> me) {
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body())
                .contains("\"name\":\"service-account-demo-cli\"")
                .contains("\"bean\":\"service-account-demo-cli@" + keycloak.issuer(DEMO) + "\"")
                .contains("\"roles\":[\"user\"]");
    }

    /**
     * Alice with {@code orders:read}: her name, realm roles ({@code realm_access.roles}), client roles
     * ({@code resource_access.bearer-guard-demo.roles}, by {@code bearer.client-id}) and the optional scope she asked
     * for; {@code @RolesAllowed} lets her in where she has the role and answers 403 where she has not.
     */
    static void assertAliceWithOrdersRead(Http http, String token) {
        var me = http.bearer("api/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"name\":\"alice\"").contains("\"userInRoleUser\":true")
                .containsPattern("\"roles\":\\[[^]]*\"staff\"")
                .containsPattern("\"roles\":\\[[^]]*\"orders-clerk\"")
                .containsPattern("\"scopes\":\\[[^]]*\"orders:read\"");
        assertThat(http.bearer("api/orders", token).body()).contains("\"owner\":\"alice\"");
        assertThat(http.bearer("api/staff", token).body()).contains("\"staff\":\"alice\"");
        var admin = http.bearer("api/admin", token);
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.headers().allValues("WWW-Authenticate")).containsExactly(Challenges.bearer(
                ", error=\"insufficient_scope\", error_description=\"The token lacks a required role\""));
    }
}
