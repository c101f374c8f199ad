package org.bearerguard.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.context.BearerSecurityContext;
import org.bearerguard.internal.filter.BearerAuthenticator;
import org.bearerguard.internal.keys.KeySources;
import org.bearerguard.internal.region.JwksRegion;
import org.bearerguard.internal.crypto.KeyFamily;
import org.bearerguard.internal.crypto.Signatures;
import org.bearerguard.testing.TestConfig;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/** Every verifier measured, each built once and each doing what a resource server must: signature, iss, aud, exp. */
final class Peers {

    private Peers() {
    }

    interface Verifier {
        Object verify(String token) throws Exception;
    }

    /**
     * The floor: a provider's signature check alone (split, decode, verify), nothing else; the key made for that
     * provider beforehand. {@code jdk}: the JDK's own {@code Signature}; any other: the {@code JcaVerifier} the
     * provider is used through (its pool, and for a DER-only ECDSA provider the conversion into a kept buffer).
     */
    static Verifier floor(Fixture f, String provider) throws Exception {
        var decoder = Base64.getUrlDecoder();
        if (provider.equals("jdk")) {
            var signature = Signature.getInstance(switch (f.alg) {
                case "RS256" -> "SHA256withRSA";
                case "PS256" -> "RSASSA-PSS";
                case "EdDSA" -> "EdDSA";
                default -> "SHA256withECDSAinP1363Format";
            });
            if (f.alg.equals("PS256")) {
                signature.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            var publicKey = f.key.getPublicKey();
            return token -> {
                int dot = token.lastIndexOf('.');
                signature.initVerify(publicKey);
                signature.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
                if (!signature.verify(decoder.decode(token.substring(dot + 1)))) {
                    throw new SecurityException("bad signature");
                }
                return Boolean.TRUE;
            };
        }
        var signatures = Signatures.forSetting(provider);
        var family = KeyFamily.forAlgorithm(f.alg);
        var verifier = signatures.verifier(f.alg);
        var publicKey = signatures.translate(f.key.getPublicKey(), family);
        return token -> {
            int dot = token.lastIndexOf('.');
            if (!verifier.verify(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                    decoder.decode(token.substring(dot + 1)), publicKey)) {
                throw new SecurityException("bad signature");
            }
            return Boolean.TRUE;
        };
    }

    /** Who a {@code bearer.signature-provider} setting has check this algorithm here: a provider's name or JDK. */
    static String providerFor(String setting, String alg) {
        var provider = Signatures.forSetting(setting).provider(KeyFamily.forAlgorithm(alg));
        return provider == null ? "JDK" : provider.getName();
    }

    /**
     * bearer-guard from the Authorization header to the SecurityContext: extract, verify (keys from a real JWKS
     * server, fetched once in setup), authorize, context.
     */
    static Verifier bearerGuard(Fixture f, boolean tokenCache, String provider) throws Exception {
        BearerConfig config = TestConfig.issuer(f.issuer).with("bearer.audience", Fixture.AUDIENCE)
                .with("bearer.signature-provider", provider)
                .with("bearer.token-cache.size", tokenCache ? "10000" : "0").build();
        var keys = new KeySources(config, JwksRegion.open(config.cache()), Clock.systemUTC());
        var authenticator = new BearerAuthenticator(config, keys, Clock.systemUTC());
        var requirement = Requirement.scopes("orders:read");
        // the request already carries the header string: the measurement starts from it
        var header = List.of("Bearer " + f.token);
        var tamperedHeader = List.of("Bearer " + f.tampered);
        return token -> {
            var principal = authenticator.authenticate(token == f.token ? header : tamperedHeader, requirement);
            return new BearerSecurityContext(principal, false);
        };
    }

    static Verifier jose4j(Fixture f) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(f.issuer)
                .setExpectedAudience(Fixture.AUDIENCE)
                .setVerificationKey(f.key.getPublicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, f.alg)
                .build();
        return consumer::processToClaims;
    }

    static Verifier smallRye(Fixture f) {
        var parser = new DefaultJWTParser();
        var context = new JWTAuthContextInfo(f.key.getPublicKey(), f.issuer);
        context.setExpectedAudience(Set.of(Fixture.AUDIENCE));
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.fromAlgorithm(f.alg)));
        context.setClockSkew(60);
        return token -> parser.parse(token, context);
    }

    static Verifier nimbus(Fixture f) throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        var jwk = com.nimbusds.jose.jwk.JWK.parse(f.key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(f.alg),
                new ImmutableJWKSet<>(new JWKSet(jwk))));
        var claims = new DefaultJWTClaimsVerifier<SecurityContext>(Fixture.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(f.issuer).build(), Set.of("exp"));
        claims.setMaxClockSkew(60);
        processor.setJWTClaimsSetVerifier(claims);
        return token -> processor.process(token, null);
    }

    static Verifier auth0(Fixture f) {
        Algorithm algorithm = switch (f.alg) {
            case "RS256" -> Algorithm.RSA256((RSAKey) f.key.getPublicKey());
            case "ES256" -> Algorithm.ECDSA256((ECKey) f.key.getPublicKey());
            default -> throw new UnsupportedOperationException("auth0 java-jwt has no " + f.alg);
        };
        JWTVerifier verifier = JWT.require(algorithm).withIssuer(f.issuer).withAudience(Fixture.AUDIENCE)
                .acceptLeeway(60).build();
        return verifier::verify;
    }

    /** Refuses to measure a verifier that accepts the tampered token or rejects the real one. */
    static Verifier checked(String name, Verifier verifier, Fixture f) {
        try {
            if (verifier.verify(f.token) == null) {
                throw new IllegalStateException(name + " returned nothing for the valid token");
            }
        } catch (Exception e) {
            throw new IllegalStateException(name + "/" + f.alg + " rejected the valid token", e);
        }
        try {
            verifier.verify(f.tampered);
        } catch (Exception expected) {
            return verifier;
        }
        throw new IllegalStateException(name + "/" + f.alg + " accepted the tampered token");
    }
}
