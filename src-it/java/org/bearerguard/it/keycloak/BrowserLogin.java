package org.bearerguard.it.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A user signing in on Keycloak's own login page, as a browser would (authorization code flow, RFC 6749 §4.1):
 * the authorization request, the login form posted with the user's password, the code from the redirect, the code
 * exchanged at the token endpoint. Unlike a password grant, such a login gives the token {@code auth_time} and the
 * {@code acr} of the level reached (RFC 9470's step-up inputs). Keycloak's cookies are {@code Secure}, which the
 * JDK's cookie handler never sends over plain http: they are carried by hand from the login page to the form post.
 */
public final class BrowserLogin {

    /** The redirect URI registered for {@code demo-web} in {@code demo-realm.json}; nothing listens there. */
    static final String CALLBACK = "http://127.0.0.1/callback";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]+id=\"kc-form-login\"[^>]+action=\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI oidc;
    private final String clientId;
    private final String secret;

    public BrowserLogin(Keycloak keycloak, String realm, String clientId, String secret) {
        this.oidc = URI.create(keycloak.issuer(realm) + "/protocol/openid-connect/");
        this.clientId = clientId;
        this.secret = secret;
    }

    /** The access token of a fresh sign-in of {@code user} (password = user name, as in the demo realm). */
    public String signIn(String user) {
        var login = send(HttpRequest.newBuilder(oidc.resolve("auth?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + encode(CALLBACK) + "&scope=openid&state=it")).GET());
        var action = FORM_ACTION.matcher(login.body());
        if (login.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("no login form from Keycloak: " + login.statusCode());
        }
        var cookies = String.join("; ", login.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0]).toList());
        var posted = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(user)
                        + "&credentialId=")));
        var location = posted.headers().firstValue("Location").orElse("");
        var code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (posted.statusCode() != 302 || !location.startsWith(CALLBACK) || !code.find()) {
            throw new IllegalStateException("Keycloak did not sign " + user + " in: " + posted.statusCode());
        }
        var token = send(HttpRequest.newBuilder(oidc.resolve("token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + clientId
                        + "&client_secret=" + secret + "&redirect_uri=" + encode(CALLBACK) + "&code="
                        + encode(URLDecoder.decode(code.group(1), StandardCharsets.UTF_8)))));
        var accessToken = ACCESS_TOKEN.matcher(token.body());
        if (token.statusCode() != 200 || !accessToken.find()) {
            throw new IllegalStateException("no token for the code: " + token.statusCode());
        }
        return accessToken.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
