package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3986 §6.2.2 and §6.2.3 normalisation of an http(s) target URI, query and fragment cut off. */
class TargetUriTest {

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "https://api.example/orders https://api.example/orders",
        "HTTPS://API.Example.COM/Orders https://api.example.com/Orders",
        "https://api.example:443/a https://api.example/a",
        "http://api.example:80/a http://api.example/a",
        "http://api.example:443/a http://api.example:443/a",
        "https://api.example:80/a https://api.example:80/a",
        "https://api.example:8443/a https://api.example:8443/a",
        "https://api.example:08443/a https://api.example:8443/a",
        "https://api.example:/a https://api.example/a",
        "https://api.example https://api.example/",
        "https://api.example: https://api.example/",
        "https://api.example/%7euser https://api.example/~user",
        "https://api.example/%41%2d%2E%5F%7E https://api.example/A-._~",
        "https://api.example/a%2fb https://api.example/a%2Fb",
        "https://api.example/a%c3%a9 https://api.example/a%C3%A9",
        "https://%41PI.example/ https://api.example/",
        "https://api.example/a/./b/../c https://api.example/a/c",
        "https://api.example/a/%2E%2E/c https://api.example/c",
        "https://api.example/a/.. https://api.example/",
        "https://api.example/a/. https://api.example/a/",
        "https://api.example/../../a https://api.example/a",
        "https://api.example/a/b/c/./../../g https://api.example/a/g",
        "https://api.example/a..b/.c https://api.example/a..b/.c",
        "https://api.example/a?x=1#f https://api.example/a",
        "https://api.example?x https://api.example/",
        "https://api.example#f https://api.example/",
        "https://api.example/a?%zz https://api.example/a",
        "https://[2001:DB8::1]:443/a https://[2001:db8::1]/a",
        "https://[::1]:8443 https://[::1]:8443/",
        "https://api.example/a;p=1/b:c@d!$&'()*+,= https://api.example/a;p=1/b:c@d!$&'()*+,=",
        "https://127.0.0.1:443/ https://127.0.0.1/"})
    void whenNormalisedThenTheRfc3986Form(String uri, String normal) {
        assertThat(TargetUri.normalise(uri)).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example/", "urn:x:y", "https:/api.example/a", "https:///a", "https://:443/a",
        "https://user@api.example/a", "https://user:pw@api.example/a", "https://api.example:65536/a",
        "https://api.example:8a/a", "https://api.example:-1/a", "https://api.example/a b", "https://api.example/\u00e9",
        "https://api.example/%zz", "https://api.example/%4", "https://api.example/a%", "https://api.example/\"",
        "https://api.example/a\\b", "https://api.example/<a>", "https://[::1/", "https://[::1]x/", "//api.example/a",
        "api.example", "", "https://api.example/a%\u0661\u0661", "https://api\u0130.example/"})
    void whenNotAnHttpTargetUriThenNoNormalForm(String uri) {
        assertThat(TargetUri.normalise(uri)).isNull();
    }

    @Test
    void whenDotSegmentsAreRemovedThenAsRfc3986Section524Shows() {
        // RFC 3986 §5.2.4 examples
        assertThat(TargetUri.removeDotSegments("/a/b/c/./../../g")).isEqualTo("/a/g");
        assertThat(TargetUri.removeDotSegments("mid/content=5/../6")).isEqualTo("mid/6");
    }

    @Test
    void whenThePathIsLongAndFullOfDotSegmentsThenTheWorkStaysLinear() {
        var path = "/a/..".repeat(200_000) + "/b";

        long start = System.nanoTime();
        assertThat(TargetUri.removeDotSegments(path)).isEqualTo("/b");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
