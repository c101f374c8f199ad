package org.bearerguard.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TestIssuer;
import org.bearerguard.testkit.TokenBuilder;

/**
 * The soak's token populations, one file each (a token per line), all for the demo's {@code /api/me}: what a
 * resource server meets in production, good and bad.
 */
final class SoakPopulation {

    private final TestIssuer issuer;
    private final Path work;

    SoakPopulation(TestIssuer issuer, Path work) {
        this.issuer = issuer;
        this.work = work;
    }

    /** A small set of callers that come back (RS256, the key that is never rotated): verified-token cache hits. */
    Path repeated(SigningKey key, int users) throws IOException {
        return write("repeated", users, i -> token(key).subject("user-" + i)
                .username("user-" + i).scopes("orders:read").build());
    }

    /** Tokens seen once each (ES256 under the given key): a full verification per request. */
    Path fresh(String name, SigningKey key, int count) throws IOException {
        return write(name, count, i -> token(key).subject("fresh-" + i)
                .claim("jti", name + "-" + i).build());
    }

    /** Well signed, but expired ten minutes ago (past the 60 s clock skew): 401. */
    Path expired(SigningKey key) throws IOException {
        return write("expired", 1_000, i -> token(key).subject("late-" + i).expired().build());
    }

    /**
     * Forgeries, 401 each: the published key's {@code kid} over another key's signature, and a good token whose
     * payload was changed after signing (a raised scope).
     */
    Path forged(SigningKey published, SigningKey impostor) throws IOException {
        return write("forged", 1_000, i -> i % 2 == 0
                ? token(published).signedWith(impostor).subject("mallory-" + i).build()
                : withPayload(token(published).subject("mallory-" + i).build(),
                        "{\"iss\":\"" + issuer.issuer() + "\",\"aud\":\"api\",\"sub\":\"mallory-" + i
                                + "\",\"scope\":\"admin\",\"exp\":" + (System.currentTimeMillis() / 1000 + 3600)
                                + "}"));
    }

    /** A new {@code kid} on every token (an unpublished key signs): the amplification attack, 401 each. */
    Path unknownKid(SigningKey unpublished, int count) throws IOException {
        return write("unknown-kid", count, i -> token(unpublished).kid("probe-" + i).build());
    }

    /** Not a JWS at all, in the shapes a fuzzer or a broken client sends: 400 or 401 each, never a 500. */
    Path malformed() throws IOException {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        var good = token(issuer.signingKey()).build();
        var parts = good.split("\\.");
        var shapes = new ArrayList<>(List.of("x", "a.b", "a.b.c", "a.b.c.d.e", "...", "e30.e30.", "e30..e30",
                b64.encodeToString("not json".getBytes(StandardCharsets.UTF_8)) + ".e30.c2ln",
                b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".",
                b64.encodeToString("{\"alg\":\"HS256\",\"kid\":\"x\"}".getBytes(StandardCharsets.UTF_8)) + "."
                        + parts[1] + "." + parts[2],
                b64.encodeToString("[1,2,3]".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1], parts[0] + "." + parts[1] + ".%%%", parts[0] + ".!!!." + parts[2],
                good.substring(0, good.length() / 2), good + "AAAA", good.replace('.', '_'),
                "eyJ" + "A".repeat(4_000), "a".repeat(20_000), parts[0] + "." + "e".repeat(12_000) + "." + parts[2]));
        return write("malformed", shapes.size(), shapes::get);
    }

    /** A token of the issuer for {@code api}, signed by this key under its {@code kid}, valid for an hour. */
    private TokenBuilder token(SigningKey key) {
        return TokenBuilder.of(issuer.issuer(), issuer.audience(), key).expiresIn(Duration.ofHours(1));
    }

    private static String withPayload(String token, String payloadJson) {
        var parts = token.split("\\.");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private Path write(String name, int count, IntFunction<String> token) throws IOException {
        var file = work.resolve("soak-" + name + ".txt");
        var lines = IntStream.range(0, count).parallel().mapToObj(token).collect(Collectors.toList());
        Files.write(file, lines);
        return file;
    }
}
