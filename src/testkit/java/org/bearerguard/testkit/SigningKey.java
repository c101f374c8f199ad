package org.bearerguard.testkit;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EdDsaKeyUtil;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * A key pair that signs tokens or DPoP proofs: its {@code kid}, the algorithm it signs with, its public JWK. Immutable;
 * generating one takes a few milliseconds (RSA: about a hundred), so tests keep theirs in a static field.
 */
public final class SigningKey {

    private final PublicJsonWebKey jwk;
    private final String algorithm;

    private SigningKey(PublicJsonWebKey jwk, String algorithm) {
        this.jwk = jwk;
        this.algorithm = algorithm;
    }

    /** A 2048-bit RSA key that signs RS256. */
    public static SigningKey rsa(String kid) {
        return forAlgorithm(kid, "RS256");
    }

    /** A P-256 key that signs ES256. */
    public static SigningKey ec(String kid) {
        return forAlgorithm(kid, "ES256");
    }

    /** An Ed25519 key that signs EdDSA. */
    public static SigningKey ed25519(String kid) {
        return forAlgorithm(kid, "EdDSA");
    }

    /**
     * A new key for this JWS algorithm: RS256/384/512 and PS256/384/512 a 2048-bit RSA key, ES256 P-256, ES384 P-384,
     * ES512 P-521, EdDSA Ed25519.
     */
    public static SigningKey forAlgorithm(String kid, String algorithm) {
        try {
            var jwk = switch (algorithm) {
                case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" -> RsaJwkGenerator.generateJwk(2048);
                case "ES256" -> EcJwkGenerator.generateJwk(EllipticCurves.P256);
                case "ES384" -> EcJwkGenerator.generateJwk(EllipticCurves.P384);
                case "ES512" -> EcJwkGenerator.generateJwk(EllipticCurves.P521);
                case "EdDSA" -> OkpJwkGenerator.generateJwk(EdDsaKeyUtil.ED25519);
                default -> throw new IllegalArgumentException("no key type for the algorithm " + algorithm
                        + "; for HMAC, use TokenBuilder.sharedSecret");
            };
            return of(jwk, kid, algorithm);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An existing key pair (it must hold its private key), published with this {@code kid} and {@code use=sig}; the
     * key given is copied, never changed.
     */
    public static SigningKey of(PublicJsonWebKey jwk, String kid, String algorithm) {
        if (jwk.getPrivateKey() == null) {
            throw new IllegalArgumentException("a signing key needs its private key");
        }
        try {
            var copy = PublicJsonWebKey.Factory.newPublicJwk(
                    jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            copy.setKeyId(kid);
            copy.setUse("sig");
            return new SigningKey(copy, algorithm);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key pair signing with another algorithm of its type (RS256 → PS256, say). */
    public SigningKey withAlgorithm(String other) {
        return new SigningKey(jwk, other);
    }

    public String kid() {
        return jwk.getKeyId();
    }

    public String algorithm() {
        return algorithm;
    }

    public PrivateKey privateKey() {
        return jwk.getPrivateKey();
    }

    public PublicKey publicKey() {
        return jwk.getPublicKey();
    }

    /** The key pair as jose4j holds it. */
    public PublicJsonWebKey jwk() {
        return jwk;
    }

    /** The public JWK's members, as a JWKS or a DPoP proof's header carries them. */
    public Map<String, Object> publicJwk() {
        return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The RFC 7638 SHA-256 thumbprint of the public key, base64url: a DPoP-bound token's {@code cnf.jkt}. */
    public String thumbprint() {
        return jwk.calculateBase64urlEncodedThumbprint("SHA-256");
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid() + ", " + algorithm + "]";
    }
}
