package org.bearerguard.bench;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.filter.BearerAuthenticator;
import org.bearerguard.internal.keys.KeySources;
import org.bearerguard.internal.region.JwksRegion;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.RawTokens;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;

/**
 * The work a token can cause before its signature is found bad: a Keycloak-like token and the costliest shapes we
 * can build within the 16 KiB token limit, each sent through the real pipeline (extract, parse, header rules, issuer,
 * key, signature) with an RSA signature of zeros, so the whole payload is parsed and one RSA check runs. Prints, per
 * shape, the time and the bytes allocated per request (the thread's own allocation counter), and both per character
 * of token relative to the Keycloak-like token. Goal: no shape above 3x the normal token per character.
 *
 * <p>{@code java -cp ... org.bearerguard.bench.ParseCost [requests per shape]}
 */
public final class ParseCost {

    private static final int LIMIT = 16_384;
    private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"rsa-1\"}";
    private static final String SIGNATURE = RawTokens.b64(new byte[256]);

    private record Shape(String name, String token) {
    }

    private ParseCost() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (var issuer = JwksServer.start(TestKeys.RSA)) {
            var config = TestConfig.issuer(issuer.issuer()).with("bearer.audience", Fixture.AUDIENCE).build();
            var keys = new KeySources(config, JwksRegion.open(config.cache()), Clock.systemUTC());
            var authenticator = new BearerAuthenticator(config, keys, Clock.systemUTC());
            var shapes = shapes(issuer.issuer());
            var headers = new ArrayList<List<String>>();
            for (var s : shapes) {
                headers.add(List.of("Bearer " + s.token()));
            }
            double[][] results = new double[shapes.size()][];
            for (int pass = 0; pass < 2; pass++) { // the first pass warms every shape up
                for (int i = 0; i < shapes.size(); i++) {
                    var header = headers.get(i);
                    long bytes0 = threads.getCurrentThreadAllocatedBytes();
                    long t0 = System.nanoTime();
                    for (int r = 0; r < requests; r++) {
                        outcome(authenticator, header);
                    }
                    long t1 = System.nanoTime();
                    long bytes1 = threads.getCurrentThreadAllocatedBytes();
                    results[i] = new double[] {(t1 - t0) / 1e3 / requests, (double) (bytes1 - bytes0) / requests};
                }
            }
            double normalNs = results[0][0] * 1e3 / shapes.get(0).token().length();
            double normalBytes = results[0][1] / shapes.get(0).token().length();
            System.out.printf("| token | chars | outcome | µs/req | bytes/req | ns/char | B/char | time/char ×normal "
                    + "| alloc/char ×normal |%n|---|---:|---|---:|---:|---:|---:|---:|---:|%n");
            for (int i = 0; i < shapes.size(); i++) {
                var s = shapes.get(i);
                int n = s.token().length();
                double ns = results[i][0] * 1e3 / n;
                double b = results[i][1] / n;
                System.out.printf("| %s | %d | %s | %.1f | %.0f | %.1f | %.1f | %.2f | %.2f |%n", s.name(), n,
                        outcome(authenticator, headers.get(i)), results[i][0], results[i][1], ns, b, ns / normalNs,
                        b / normalBytes);
            }
            keys.close();
        }
    }

    private static String outcome(BearerAuthenticator authenticator, List<String> header) {
        try {
            authenticator.authenticate(header, Requirement.NONE);
            return "accepted";
        } catch (BearerException e) {
            return e.error() instanceof BearerError.Refused r && r.reason() instanceof Enum<?> reason ? reason.name()
                    : e.error().toString();
        }
    }

    private static List<Shape> shapes(String issuer) throws Exception {
        var shapes = new ArrayList<Shape>();
        shapes.add(new Shape("Keycloak-like (tampered)", new Fixture("RS256", issuer).tampered));
        shapes.add(filled(issuer, "[\"\\n\",\"\\n\",…]", "\"\\n\""));
        shapes.add(filled(issuer, "[\"\\u00e9\",…]", "\"\\u00e9\""));
        shapes.add(one(issuer, "one string of \\n", "\\n"));
        shapes.add(one(issuer, "one string of \\u00e9", "\\u00e9"));
        shapes.add(one(issuer, "one string of \\ud83d\\ude00", "\\ud83d\\ude00"));
        shapes.add(one(issuer, "one plain string", "a"));
        shapes.add(filled(issuer, "[\"a\",\"a\",…]", "\"a\""));
        shapes.add(filled(issuer, "[\"\",\"\",…]", "\"\""));
        shapes.add(filled(issuer, "[1,1,…]", "1"));
        shapes.add(filled(issuer, "[1000,1000,…]", "1000"));
        shapes.add(filled(issuer, "20-digit integers", "12345678901234567890"));
        shapes.add(filled(issuer, "64-digit integers", "1234567890".repeat(6) + "1234"));
        shapes.add(filled(issuer, "65-digit integers", "1234567890".repeat(6) + "12345"));
        shapes.add(filled(issuer, "doubles 1.5e300", "1.5e300"));
        shapes.add(filled(issuer, "doubles 1e-320 (subnormal)", "1e-320"));
        shapes.add(filled(issuer, "doubles 2e308 (beyond double)", "2e308"));
        shapes.add(filled(issuer, "halfway doubles 9007199254740993.0", "9007199254740993.0"));
        shapes.add(filled(issuer, "hard doubles (55 chars)", "1.00000000000000011102230246251565404236316680908203125"));
        shapes.add(filled(issuer, "[{},{},…]", "{}"));
        shapes.add(filled(issuer, "[[],[],…]", "[]"));
        shapes.add(filled(issuer, "nesting 16 deep, repeated", "[".repeat(14) + "]".repeat(14)));
        shapes.add(members(issuer));
        shapes.add(filled(issuer, "[true,null,…]", "true,null"));
        return shapes;
    }

    /** {@code "x": [unit, unit, …]}, as many units as the token limit allows. */
    private static Shape filled(String issuer, String name, String unit) {
        var prefix = prefix(issuer) + ",\"x\":[";
        int room = room() - prefix.length() - 2;
        var sb = new StringBuilder(prefix);
        int used = 0;
        while (used + unit.length() + 1 <= room) {
            if (used > 0) {
                sb.append(',');
            }
            sb.append(unit);
            used += unit.length() + 1;
        }
        return shape(name, sb.append("]}").toString());
    }

    /** {@code "x": "unit unit …"}: one string as long as the token limit allows. */
    private static Shape one(String issuer, String name, String unit) {
        var prefix = prefix(issuer) + ",\"x\":\"";
        int room = room() - prefix.length() - 2;
        return shape(name, prefix + unit.repeat(room / unit.length()) + "\"}");
    }

    /** As many members as the payload cap allows (1,024 in all), short names. */
    private static Shape members(String issuer) {
        var sb = new StringBuilder(prefix(issuer));
        for (int i = 0; i < 1022; i++) {
            sb.append(",\"").append(Integer.toString(i, 36)).append("\":1");
        }
        return shape("1,024 members", sb.append('}').toString());
    }

    private static String prefix(String issuer) {
        return "{\"iss\":\"" + issuer + "\",\"exp\":" + (Instant.now().getEpochSecond() + 3600);
    }

    /** Payload bytes that fit: the token is header.payload.signature, all base64url. */
    private static int room() {
        int b64 = LIMIT - RawTokens.b64(HEADER).length() - SIGNATURE.length() - 2;
        return b64 / 4 * 3;
    }

    private static Shape shape(String name, String payload) {
        var token = RawTokens.b64(HEADER) + "." + RawTokens.b64(payload) + "." + SIGNATURE;
        if (token.length() > LIMIT) {
            throw new IllegalStateException(name + ": " + token.length() + " chars");
        }
        return new Shape(name, token);
    }
}
