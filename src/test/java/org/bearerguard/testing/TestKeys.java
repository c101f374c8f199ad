package org.bearerguard.testing;

import java.util.List;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Key pairs generated once per JVM, each with a {@code kid} and {@code use=sig}. */
public final class TestKeys {

    public static final PublicJsonWebKey RSA = rsa("rsa-1", 2048);
    public static final PublicJsonWebKey RSA_ROTATED = rsa("rsa-2", 2048);
    public static final PublicJsonWebKey RSA_NEXT = rsa("rsa-3", 2048);
    public static final PublicJsonWebKey RSA_WEAK = rsa("rsa-weak", 1024);
    public static final PublicJsonWebKey EC = ec("ec-1");
    public static final PublicJsonWebKey ED = ed("ed-1");
    /** Never published: signs tokens that must fail. */
    public static final PublicJsonWebKey ATTACKER = rsa("rsa-1", 2048);

    private TestKeys() {
    }

    /** The JWKS that publishes these keys (public parts only). */
    public static String jwks(PublicJsonWebKey... keys) {
        var set = new JsonWebKeySet();
        for (var k : keys) {
            set.addJsonWebKey(k);
        }
        return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public static String jwks(List<PublicJsonWebKey> keys) {
        return jwks(keys.toArray(PublicJsonWebKey[]::new));
    }

    private static PublicJsonWebKey rsa(String kid, int bits) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(bits);
            return tag(key, kid);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey ec(String kid) {
        try {
            return tag(EcJwkGenerator.generateJwk(EllipticCurves.P256), kid);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey ed(String kid) {
        try {
            return tag(OkpJwkGenerator.generateJwk(org.jose4j.keys.EdDsaKeyUtil.ED25519), kid);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey tag(PublicJsonWebKey key, String kid) {
        key.setKeyId(kid);
        key.setUse("sig");
        return key;
    }

}
