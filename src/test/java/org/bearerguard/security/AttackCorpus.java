package org.bearerguard.security;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bearerguard.testing.RawTokens;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.HmacKey;

/**
 * The attack corpus (RFC 8725 and the known JWT CVE classes) as data: a name, a token and the exact
 * {@code error_description} it must be refused with. Used in-process and over HTTP on the real servers.
 */
public final class AttackCorpus {

    /** One attack: what it is, the token, and the description of the 401 it must get. */
    public record Attack(String name, String token, String description) {
    }

    private AttackCorpus() {
    }

    static TestTokens valid(String issuer) {
        return TestTokens.rs256().issuer(issuer);
    }

    public static final String NOT_JWS = "The token is not a well-formed signed JWT";
    public static final String ALG = "The token signing algorithm is not accepted";
    public static final String SIGNATURE = "The token signature is invalid";
    public static final String UNKNOWN_KEY = "The token signing key is unknown";
    public static final String CLAIMS = "The token claims are malformed";

    /** Every attack token for this issuer; token-supplied URLs point at {@code trapUrl}. */
    public static List<Attack> build(String issuer, String trapUrl) {
        var rsaDer = TestKeys.RSA.getPublicKey().getEncoded();
        var rsaPem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(rsaDer)
                + "\n-----END PUBLIC KEY-----\n").getBytes();
        var rsaJwk = TestKeys.RSA.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes();
        var ecDer = TestKeys.EC.getPublicKey().getEncoded();
        var good = valid(issuer).build();
        var other = valid(issuer).claim("sub", "mallory").build();
        var goodSignature = good.substring(good.lastIndexOf('.') + 1);
        var payload = good.split("\\.")[1];
        var es256Header = "{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"typ\":\"JWT\"}";
        var order = ((ECPublicKey) TestKeys.EC.getPublicKey()).getParams().getOrder();

        var cases = new ArrayList<Attack>();
        for (var none : List.of("none", "None", "NONE", "nOnE")) {
            cases.add(new Attack("alg " + none, valid(issuer).unsigned(none).build(), ALG));
        }
        for (var hs : List.of("HS256", "HS384", "HS512")) {
            cases.add(new Attack(hs + " keyed with the RSA public key (DER)", hmac(issuer, hs, rsaDer), ALG));
            cases.add(new Attack(hs + " keyed with the RSA public key (PEM)", hmac(issuer, hs, rsaPem), ALG));
            cases.add(new Attack(hs + " keyed with the RSA public key (JWK)", hmac(issuer, hs, rsaJwk), ALG));
            cases.add(new Attack(hs + " keyed with the EC public key (DER)", hmac(issuer, hs, ecDer), ALG));
        }
        cases.add(new Attack("signed by another key under a trusted kid",
                TestTokens.signedBy(TestKeys.ATTACKER, "RS256").issuer(issuer).build(), SIGNATURE));
        cases.add(new Attack("embedded jwk of the attacker", TestTokens.signedBy(TestKeys.ATTACKER, "RS256")
                .issuer(issuer).header("jwk", jwkMap()).build(), SIGNATURE));
        cases.add(new Attack("jku to the attacker's JWKS", TestTokens.signedBy(TestKeys.ATTACKER, "RS256")
                .issuer(issuer).kid("attacker").header("jku", trapUrl).build(), UNKNOWN_KEY));
        cases.add(new Attack("x5u to the attacker", TestTokens.signedBy(TestKeys.ATTACKER, "RS256")
                .issuer(issuer).header("x5u", trapUrl).build(), SIGNATURE));
        cases.add(new Attack("x5c of the attacker", TestTokens.signedBy(TestKeys.ATTACKER, "RS256")
                .issuer(issuer).header("x5c", List.of("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A")).build(), SIGNATURE));
        cases.add(new Attack("crit with an unknown extension", valid(issuer).header("crit", List.of("x-magic"))
                .header("x-magic", true).build(), "The token has critical header parameters that are not understood"));
        cases.add(new Attack("signature stripped", good.substring(0, good.lastIndexOf('.') + 1), SIGNATURE));
        cases.add(new Attack("signature truncated", good.substring(0, good.length() - 10), SIGNATURE));
        cases.add(new Attack("signature from another token",
                other.substring(0, other.lastIndexOf('.') + 1) + goodSignature, SIGNATURE));
        cases.add(new Attack("ECDSA signature of all zeros (CVE-2022-21449)",
                RawTokens.b64(es256Header) + "." + payload + "." + RawTokens.b64(new byte[64]), SIGNATURE));
        cases.add(new Attack("ECDSA r = s = n", RawTokens.b64(es256Header) + "." + payload + "."
                + RawTokens.b64(concat(fixed(order), fixed(order))), SIGNATURE));
        cases.add(new Attack("ECDSA r, s above n", RawTokens.b64(es256Header) + "." + payload + "."
                + RawTokens.b64(concat(fixed(order.add(BigInteger.ONE)), fixed(order.add(BigInteger.TWO)))), SIGNATURE));
        cases.add(new Attack("RS256 under the EC key's kid", valid(issuer).kid("ec-1").build(), ALG));
        cases.add(new Attack("ES256 under the RSA key's kid",
                TestTokens.signedBy(TestKeys.EC, "ES256").issuer(issuer).kid("rsa-1").build(), ALG));
        cases.add(new Attack("kid like a path", valid(issuer).kid("../../../../etc/passwd").build(), UNKNOWN_KEY));
        cases.add(new Attack("kid like SQL", valid(issuer).kid("' OR '1'='1' --").build(), UNKNOWN_KEY));
        cases.add(new Attack("kid of 8,000 characters", valid(issuer).kid("k".repeat(8000)).build(), UNKNOWN_KEY));
        cases.add(new Attack("kid a number", valid(issuer).header("kid", 42).build(), NOT_JWS));
        cases.add(new Attack("kid an object", valid(issuer).header("kid", Map.of("a", 1)).build(), NOT_JWS));
        cases.add(new Attack("duplicate kid in the header",
                RawTokens.withHeader(good, "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"kid\":\"ec-1\"}"), NOT_JWS));
        cases.add(new Attack("duplicate sub in the payload", RawTokens.of("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
                "{\"iss\":\"" + issuer + "\",\"sub\":\"a\",\"sub\":\"b\",\"exp\":9999999999}", new byte[256]),
                NOT_JWS));
        for (var claim : List.of("exp", "nbf", "iat")) {
            cases.add(new Attack(claim + " a string", valid(issuer).claim(claim, "2099-01-01").build(), CLAIMS));
            cases.add(new Attack(claim + " an array", valid(issuer).claim(claim, List.of(1, 2)).build(), CLAIMS));
            cases.add(new Attack(claim + " a huge number", valid(issuer).claim(claim, 1e300).build(), CLAIMS));
        }
        cases.add(new Attack("exp beyond any date", valid(issuer).claim("exp", new BigInteger("9".repeat(40))).build(),
                CLAIMS));
        cases.add(new Attack("aud an object", valid(issuer).audience(Map.of("api", true)).build(), CLAIMS));
        cases.add(new Attack("aud a mixed array", valid(issuer).audience(List.of("api", 7)).build(), CLAIMS));
        cases.add(new Attack("iss an array", valid(issuer).claim("iss", List.of(issuer)).build(), CLAIMS));
        cases.add(new Attack("iss a number", valid(issuer).claim("iss", 1).build(), CLAIMS));
        cases.add(new Attack("nested JWT (cty JWT)", valid(issuer).header("cty", "JWT").build(), NOT_JWS));
        cases.add(new Attack("JWE compact form", "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", NOT_JWS));
        cases.add(new Attack("five parts", good + ".x.y", NOT_JWS));
        cases.add(new Attack("two parts", good.substring(0, good.lastIndexOf('.')), NOT_JWS));
        cases.add(new Attack("standard base64 characters", good.replace('-', '+').replace('_', '/') + "+/", NOT_JWS));
        cases.add(new Attack("header not JSON", RawTokens.b64("not json") + "." + payload + ".c2ln", NOT_JWS));
        cases.add(new Attack("header a JSON array", RawTokens.b64("[\"RS256\"]") + "." + payload + ".c2ln", NOT_JWS));
        cases.add(new Attack("payload a JSON string", RawTokens.of("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
                "\"hello\"", new byte[256]), NOT_JWS));
        cases.add(new Attack("payload nested 1,000 deep", RawTokens.of("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
                "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}", new byte[256]), NOT_JWS));
        cases.add(new Attack("1,100 claims", RawTokens.of("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
                manyClaims(1100), new byte[256]), NOT_JWS));
        cases.add(new Attack("100 header parameters", RawTokens.withHeader(good, manyClaims(100)), NOT_JWS));
        return cases;
    }

    public static String hmac(String issuer, String alg, byte[] secret) {
        return valid(issuer).header("alg", alg).signingKey(new HmacKey(secret)).build();
    }

    private static Map<String, Object> jwkMap() {
        return TestKeys.ATTACKER.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** A P-256 scalar as 32 big-endian bytes (the low 32 bytes if it is longer). */
    private static byte[] fixed(BigInteger n) {
        var bytes = n.toByteArray();
        var out = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String manyClaims(int n) {
        var sb = new StringBuilder("{\"alg\":\"RS256\"");
        for (int i = 0; i < n; i++) {
            sb.append(",\"").append(Integer.toString(i, 36)).append("\":1");
        }
        return sb.append('}').toString();
    }

}
