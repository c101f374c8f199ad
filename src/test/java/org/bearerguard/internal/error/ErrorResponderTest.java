package org.bearerguard.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6750 §3 responses, asserted to the exact header string. */
class ErrorResponderTest {

    private final ErrorResponder responder = new ErrorResponder("api");

    @Test
    void whenCredentialsAreMissingThenRespondsWith401AndNoErrorCode() {
        var response = responder.render(new BearerError.MissingCredentials());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"api\"");
        assertThat(response.json()).isEmpty();
    }

    @Test
    void whenRequestIsMalformedThenRespondsWith400InvalidRequest() {
        var response = responder.render(new BearerError.Refused(Reason.MULTIPLE_AUTHORIZATION_HEADERS));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"api\", error=\"invalid_request\","
                + " error_description=\"More than one Authorization header\"");
    }

    @Test
    void whenTokenIsInvalidThenRespondsWith401InvalidTokenAndAJsonBody() {
        var response = responder.render(new BearerError.Refused(Reason.EXPIRED));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .contains("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The token has expired\"");
        assertThat(response.json())
                .contains("{\"error\":\"invalid_token\",\"error_description\":\"The token has expired\"}");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void whenScopeIsMissingThenRespondsWith403NamingTheRequiredScopes() {
        var response = responder.render(new BearerError.Refused(Reason.SCOPE_MISSING,
                List.of("orders:read", "orders:write")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"api\", error=\"insufficient_scope\","
                + " error_description=\"The token lacks a required scope\", scope=\"orders:read orders:write\"");
    }

    @Test
    void whenARequiredScopeHasCharactersRfc6750ForbidsThenItIsLeftOutOfTheHeader() {
        var response = responder.render(new BearerError.Refused(Reason.SCOPE_MISSING,
                List.of("ok", "bad\"quote")));

        assertThat(response.header("WWW-Authenticate").orElseThrow()).endsWith("scope=\"ok\"");
    }

    @Test
    void whenKeysAreUnavailableThenRespondsWith503AndRetryAfterInWholeSeconds() {
        var response = responder.render(new BearerError.KeysUnavailable(Duration.ofMillis(4200)));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).contains("5");
        assertThat(response.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void whenARoleIsMissingThenRespondsWith403WithoutNamingTheRole() {
        var response = responder.render(new BearerError.Refused(Reason.ROLE_MISSING));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"api\", error=\"insufficient_scope\","
                + " error_description=\"The token lacks a required role\"");
    }

    @Test
    void whenOurCodeFailedThenRespondsWith500WithoutChallengeOrBody() {
        var response = responder.render(new BearerError.ServerError());

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers()).containsExactly(org.assertj.core.api.Assertions.entry("Cache-Control", "no-store"));
        assertThat(response.json()).isEmpty();
    }

    @Test
    void everyReasonCarriesTheStatusOfItsCode() {
        assertThat(Reason.MALFORMED_AUTHORIZATION.code().status()).isEqualTo(400);
        assertThat(Reason.UNKNOWN_KEY.code().status()).isEqualTo(401);
        assertThat(Reason.ROLE_MISSING.code().status()).isEqualTo(403);
    }

    @Test
    void everyDescriptionUsesOnlyCharactersRfc6750Allows() {
        for (var reason : Reason.values()) {
            assertThat(reason.description()).matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+");
        }
    }
}
