package org.bearerguard.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bearerguard.testing.Secp256k1;
import org.bearerguard.testing.TestKeys;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

/** What a key set may hold and what one token may make us try, parsed from JWKS text. */
class KeySnapshotTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static KeySnapshot parse(List<Map<String, Object>> keys) throws InvalidKeySetException {
        return KeySnapshot.parse(JsonUtil.toJson(Map.of("keys", keys)), null, NOW, NOW.plusSeconds(300));
    }

    private static Map<String, Object> jwk(PublicJsonWebKey key) {
        return key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static PublicJsonWebKey ec(java.security.spec.ECParameterSpec curve, String kid) throws Exception {
        var key = EcJwkGenerator.generateJwk(curve);
        key.setKeyId(kid);
        return key;
    }

    @Test
    void whenAnEcKeyIsOnSecp256k1ThenItIsIgnoredAndFitsNoAlgorithm() throws Exception {
        var snapshot = parse(List.of(jwk(TestKeys.RSA), Secp256k1.generate("k1").publicJwk()));

        assertThat(snapshot.select("k1", "ES256")).isEmpty();
        assertThat(snapshot.select(null, "ES256")).isEmpty();
        assertThat(snapshot.hasKid("k1")).isFalse();
        assertThat(snapshot.ignored()).containsExactly("kid k1: EC key on a curve other than P-256, P-384 or P-521");
    }

    @Test
    void whenEcKeysAreOnTheNistCurvesThenEachFitsItsOwnAlgorithmOnly() throws Exception {
        var p256 = ec(EllipticCurves.P256, "p256");
        var p384 = ec(EllipticCurves.P384, "p384");
        var p521 = ec(EllipticCurves.P521, "p521");
        var snapshot = parse(List.of(jwk(p256), jwk(p384), jwk(p521)));

        assertThat(snapshot.ignored()).isEmpty();
        assertThat(snapshot.select(null, "ES256")).containsExactly(p256.getPublicKey());
        assertThat(snapshot.select(null, "ES384")).containsExactly(p384.getPublicKey());
        assertThat(snapshot.select(null, "ES512")).containsExactly(p521.getPublicKey());
        assertThat(snapshot.select("p256", "ES384")).isEmpty();
        assertThat(snapshot.select("p384", "RS256")).isEmpty();
    }

    /** The same public key under another kid. */
    private static Map<String, Object> withKid(PublicJsonWebKey key, String kid) {
        var params = new java.util.LinkedHashMap<>(jwk(key));
        params.put("kid", kid);
        return params;
    }

    private static Map<String, Object> rsa(BigInteger modulus, BigInteger exponent, String kid) {
        var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return Map.of("kty", "RSA", "kid", kid, "n", b64.encodeToString(unsigned(modulus)),
                "e", b64.encodeToString(unsigned(exponent)));
    }

    private static byte[] unsigned(BigInteger v) {
        var bytes = v.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Test
    void whenTheKeySetHoldsMoreKeysThanTheCapThenOnlyTheFirstAreReadAndTheRestReported() throws Exception {
        var keys = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 70; i++) {
            keys.add(withKid(TestKeys.EC, "k" + i));
        }

        var snapshot = parse(keys);

        assertThat(snapshot.size()).isEqualTo(64);
        assertThat(snapshot.hasKid("k63")).isTrue();
        assertThat(snapshot.hasKid("k64")).isFalse();
        assertThat(snapshot.ignored()).containsExactly("kid k64: beyond the first 64 keys", "kid k65: beyond the first 64 keys",
                "kid k66: beyond the first 64 keys", "kid k67: beyond the first 64 keys", "kid k68: beyond the first 64 keys",
                "kid k69: beyond the first 64 keys");
    }

    @Test
    void whenATokenNamesNoKidThenAtMostTheCandidateCapOfFittingKeysIsTried() throws Exception {
        var keys = new ArrayList<Map<String, Object>>();
        keys.add(jwk(TestKeys.EC));
        for (int i = 0; i < 10; i++) {
            keys.add(withKid(TestKeys.RSA, "r" + i));
        }

        var snapshot = parse(keys);

        assertThat(snapshot.select(null, "RS256")).hasSize(4);
        assertThat(snapshot.select(null, "ES256")).containsExactly(TestKeys.EC.getPublicKey());
        assertThat(snapshot.select("r9", "RS256")).hasSize(1);
    }

    @Test
    void whenAnRsaKeyHasAHugeExponentOrModulusThenItIsIgnored() throws Exception {
        var n = ((java.security.interfaces.RSAPublicKey) TestKeys.RSA.getPublicKey()).getModulus();
        var random = new java.util.Random(6);
        var n8192 = new BigInteger(8192, random).setBit(8191).setBit(0);
        var n8200 = new BigInteger(8200, random).setBit(8199).setBit(0);
        var e32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);

        var snapshot = parse(List.of(rsa(n, e32, "e-max"), rsa(n, e32.add(BigInteger.TWO), "e-over"),
                rsa(n, BigInteger.ONE.shiftLeft(2000).add(BigInteger.ONE), "e-huge"),
                rsa(n8192, BigInteger.valueOf(65537), "n-max"), rsa(n8200, BigInteger.valueOf(65537), "n-over")));

        assertThat(snapshot.hasKid("e-max")).isTrue();
        assertThat(snapshot.hasKid("n-max")).isTrue();
        assertThat(snapshot.size()).isEqualTo(2);
        assertThat(snapshot.ignored()).containsExactly("kid e-over: RSA public exponent above 2^32-1",
                "kid e-huge: RSA public exponent above 2^32-1", "kid n-over: RSA key over 8192 bits");
    }

    @Test
    void whenKidsAreHostileThenTheReportHoldsPrintableAsciiOfBoundedLength() throws Exception {
        var keys = new ArrayList<Map<String, Object>>();
        keys.add(jwk(TestKeys.RSA));
        keys.add(Map.of("kty", "oct", "kid", "a\r\nSEVERE forged line\u0000\u00e9\u2028", "k", "c2VjcmV0"));
        keys.add(Map.of("kty", "oct", "kid", "k".repeat(10_000), "k", "c2VjcmV0"));

        var ignored = parse(keys).ignored();

        assertThat(ignored).containsExactly("kid a??SEVERE forged line???: not a public key (kty oct)",
                "kid " + "k".repeat(64) + "...: not a public key (kty oct)");
    }

    @Test
    void whenManyKeysAreIgnoredThenTheReportNamesTheFirstTenAndCountsTheRest() throws Exception {
        var keys = new ArrayList<Map<String, Object>>();
        keys.add(jwk(TestKeys.RSA));
        for (int i = 0; i < 300; i++) {
            keys.add(Map.of());
        }

        var snapshot = parse(keys);

        assertThat(snapshot.ignored()).hasSize(11).startsWith("kid (none): not a valid JWK")
                .endsWith("and 290 more");
        assertThat(snapshot.ignoredCount()).isEqualTo(300);
    }

    @Test
    void whenNoKeyIsUsableThenTheMessageStaysShortWhateverTheKeySetHolds() {
        var huge = "{\"keys\":[" + "{},".repeat(80_000) + "{}]}";

        assertThatThrownBy(() -> KeySnapshot.parse(huge, null, NOW, NOW.plusSeconds(300)))
                .isInstanceOf(InvalidKeySetException.class)
                .hasMessage("the JWKS holds no usable public signing key (" + "kid (none): not a valid JWK; ".repeat(10)
                        + "and 79991 more)");
    }

    @Test
    void whenAnEcPointIsNotOnItsCurveThenTheKeyIsIgnored() throws Exception {
        var off = new java.util.LinkedHashMap<>(jwk(TestKeys.EC));
        var y = new BigInteger(1, java.util.Base64.getUrlDecoder().decode((String) off.get("y")));
        off.put("y", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned(y.add(BigInteger.ONE))));
        off.put("kid", "off-curve");

        var snapshot = parse(List.of(jwk(TestKeys.RSA), off));

        assertThat(snapshot.select("off-curve", "ES256")).isEmpty();
        assertThat(snapshot.ignored()).containsExactly("kid off-curve: EC point not on its curve");
    }

    @Test
    void whenKeyOpsDoNotAllowVerifyingThenTheKeyIsIgnored() throws Exception {
        var encrypting = new java.util.LinkedHashMap<>(withKid(TestKeys.RSA_ROTATED, "enc-only"));
        encrypting.put("key_ops", List.of("encrypt", "wrapKey"));
        var verifying = new java.util.LinkedHashMap<>(withKid(TestKeys.RSA_NEXT, "verify"));
        verifying.put("key_ops", List.of("verify"));

        var snapshot = parse(List.of(jwk(TestKeys.RSA), encrypting, verifying));

        assertThat(snapshot.select("enc-only", "RS256")).isEmpty();
        assertThat(snapshot.select("verify", "RS256")).hasSize(1);
        assertThat(snapshot.ignored()).containsExactly("kid enc-only: key_ops does not include verify");
    }
}
