package org.bearerguard.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

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
}
