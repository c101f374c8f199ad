package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestProofs;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/** RFC 7638 thumbprints, checked against the RFCs' own examples and against jose4j. */
class JwkThumbprintTest {

    /** RFC 7638 §3.1. */
    private static final String RFC_7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbf"
            + "AAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h"
            + "4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWh"
            + "AI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    @Test
    void whenTheRfc7638ExampleKeyIsThumbprintedThenTheRfcsValue() {
        var jwk = Map.of("kty", "RSA", "n", RFC_7638_N, "e", "AQAB", "alg", "RS256", "kid", "2011-04-29");

        assertThat(JwkThumbprint.of(jwk)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void whenTheRfc8037Ed25519KeyIsThumbprintedThenTheRfcsValue() {
        // RFC 8037 Appendix A.3
        var jwk = Map.of("kty", "OKP", "crv", "Ed25519", "x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");

        assertThat(JwkThumbprint.of(jwk)).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    @Test
    void whenKeysOfEachTypeAreThumbprintedThenAsJose4jDoes() throws JoseException {
        for (var key : new PublicJsonWebKey[] {TestKeys.RSA, TestKeys.EC, TestProofs.EC_P384, TestKeys.ED,
            TestProofs.ED448}) {
            assertThat(JwkThumbprint.of(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)))
                    .isEqualTo(key.calculateBase64urlEncodedThumbprint("SHA-256"));
        }
    }

    @Test
    void whenMembersComeInAnotherOrderOrWithOthersThenTheSameThumbprint() {
        var ordered = new LinkedHashMap<String, Object>();
        ordered.put("y", "y-value");
        ordered.put("x", "x-value");
        ordered.put("kid", "k");
        ordered.put("kty", "EC");
        ordered.put("crv", "P-256");

        assertThat(JwkThumbprint.of(ordered))
                .isEqualTo(JwkThumbprint.of(Map.of("crv", "P-256", "kty", "EC", "x", "x-value", "y", "y-value")));
    }

    @Test
    void whenARequiredMemberChangesThenTheThumbprintChanges() {
        var jwk = Map.of("kty", "RSA", "n", RFC_7638_N, "e", "AQAB");

        assertThat(JwkThumbprint.of(Map.of("kty", "RSA", "n", RFC_7638_N, "e", "AQAC")))
                .isNotEqualTo(JwkThumbprint.of(jwk));
    }

    @Test
    void whenTheKeyTypeIsUnknownOrAMemberMissingOrOddThenRefused() {
        assertThatThrownBy(() -> JwkThumbprint.of(Map.of("kty", "oct", "k", "AAAA")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwkThumbprint.of(Map.of("kty", "RSA", "n", RFC_7638_N)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwkThumbprint.of(Map.of("kty", "RSA", "n", RFC_7638_N, "e", 65537L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwkThumbprint.of(Map.of("kty", "OKP", "crv", "Ed25519\",\"x", "x", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
