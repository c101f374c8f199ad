package org.bearerguard.internal.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** bearer.token-cookie: the cookie stands for an Authorization header only where there is none. */
class TokenCookieTest {

    private static final Optional<String> JWT = Optional.of("jwt");

    @Test
    void whenNoCookieIsConfiguredThenTheCookieIsNeverRead() {
        assertThat(TokenCookie.authorization(List.of(), List.of("jwt=abc"), Optional.empty())).isEmpty();
    }

    @Test
    void whenTheCookieIsSentThenItIsABearerToken() {
        assertThat(TokenCookie.authorization(null, List.of("theme=dark; jwt=abc.def.ghi"), JWT))
                .containsExactly("Bearer abc.def.ghi");
    }

    @Test
    void whenTheValueIsQuotedThenTheQuotesAreNotPartOfTheToken() {
        assertThat(TokenCookie.authorization(List.of(), List.of("jwt=\"abc\""), JWT)).containsExactly("Bearer abc");
    }

    @Test
    void whenAnAuthorizationHeaderIsSentThenItWinsOverTheCookie() {
        assertThat(TokenCookie.authorization(List.of("Bearer header"), List.of("jwt=cookie"), JWT))
                .containsExactly("Bearer header");
    }

    @Test
    void whenTheCookieIsSentTwiceThenBothAreCredentialsToBeRefused() {
        assertThat(TokenCookie.authorization(List.of(), List.of("jwt=a", "jwt=b"), JWT)).hasSize(2);
    }

    @Test
    void whenOnlyACookieWithALongerNameIsSentThenNothing() {
        assertThat(TokenCookie.authorization(List.of(), List.of("jwtx=a; xjwt=b"), JWT)).isEmpty();
    }
}
