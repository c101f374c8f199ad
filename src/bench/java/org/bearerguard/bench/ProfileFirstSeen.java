package org.bearerguard.bench;

import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;

/**
 * A plain loop over bearer-guard's first-seen path, for a sampling profiler:
 * {@code java -XX:StartFlightRecording=filename=target/first-seen.jfr ... ProfileFirstSeen RS256 20}; and, on this
 * noisy machine, a fair look beside JMH: the JDK floor, bearer-guard and auth0 java-jwt (RS256, ES256) alternate in one
 * JVM, round by round, so that drift touches all three alike; each round prints their times and ratios.
 */
public final class ProfileFirstSeen {

    private ProfileFirstSeen() {
    }

    private static double loop(Peers.Verifier v, String token, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            v.verify(token);
            n++;
        }
        return seconds * 1e6 / n;
    }

    public static void main(String[] args) throws Exception {
        var alg = args.length > 0 ? args[0] : "RS256";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        try (var issuer = JwksServer.start(TestKeys.RSA, TestKeys.EC)) {
            var fixture = new Fixture(alg, issuer.issuer());
            var floor = Peers.checked("floor", Peers.floor(fixture, "jdk"), fixture);
            var verifier = Peers.checked("first-seen", Peers.bearerGuard(fixture, false, "jdk"), fixture);
            boolean auth0Has = alg.equals("RS256") || alg.equals("ES256");
            var auth0 = auth0Has ? Peers.checked("auth0", Peers.auth0(fixture), fixture) : null;
            int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
            for (int round = 0; round < rounds; round++) { // alternate, so drift shows
                double f = loop(floor, fixture.token, seconds);
                double b = loop(verifier, fixture.token, seconds);
                if (auth0 == null) {
                    System.out.printf("floor %.1f µs, bearer-guard first-seen %.1f µs, ratio %.2f%n", f, b, b / f);
                    continue;
                }
                double a = loop(auth0, fixture.token, seconds);
                System.out.printf("floor %.1f µs, bearer-guard first-seen %.1f µs (%.3f), auth0 %.1f µs (%.3f),"
                        + " bearer-guard/auth0 %.3f%n", f, b, b / f, a, a / f, b / a);
            }
        }
    }
}
