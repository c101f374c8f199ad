package org.bearerguard.bench.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bearerguard.bench.e2e.guarded.GuardedApp;
import org.bearerguard.bench.e2e.mpjwt.MpJwtApp;
import org.bearerguard.bench.e2e.plain.PlainApp;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * End to end on one real OpenLiberty (the full runtime, which carries mpJwt-2.1): the same endpoint unprotected,
 * under bearer-guard (with ACCP and BouncyCastle in its WAR: the fast signature path, {@code auto}) and under
 * Liberty's mpJwt, same keys (served on 127.0.0.1), driven by {@code wrk} on loopback with
 * a repeated token and with a fresh token per request, RS256 and ES256; cases alternate A B C A B C. Prints the
 * table for BENCHMARKS.md. Run by {@code src/bench/run-e2e.sh}.
 *
 * <p>Arguments: the unpacked {@code wlp} folder, a work folder, the library classes folder, the classpath file.
 */
public final class EndToEnd {

    private static final int SECONDS = Integer.getInteger("e2e.seconds", 5);
    private static final int ROUNDS = Integer.getInteger("e2e.rounds", 3);
    private static final int WARMUP_ROUNDS = 2;
    /** Fresh-token runs are shorter, so that every fresh token is used once. */
    private static final int FRESH_SECONDS = 3;
    private static final int CONNECTIONS = 32;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors: (.*)");

    record Result(String alg, String tokens, String app, double rps, String p50, String p99, double cpuMicros,
                  long requests, long failed, long reused) {
    }

    /** Where the next run starts in each token file, so that no fresh token is sent twice. */
    private static final Map<Path, Long> OFFSETS = new java.util.HashMap<>();
    private static final Map<Path, Integer> SIZES = new java.util.HashMap<>();

    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        var wlp = Path.of(args[0]);
        var work = Path.of(args[1]);
        var libraryClasses = Path.of(args[2]);
        var classpath = Files.readString(Path.of(args[3])).trim().split(File.pathSeparator);
        Files.createDirectories(work);
        try (var issuer = JwksServer.start(TestKeys.RSA, TestKeys.EC)) {
            int port = Processes.freePort();
            var server = wlp.resolve("usr/servers/e2e");
            Processes.liberty(wlp, "stop", "e2e", false);
            Processes.liberty(wlp, "create", "e2e", false);
            Files.writeString(server.resolve("server.xml"), serverXml(port));
            var dropins = server.resolve("dropins");
            Files.createDirectories(dropins);
            export(ShrinkWrap.create(WebArchive.class, "plain.war").addClasses(PlainApp.class, PlainApp.Hello.class),
                    dropins);
            export(guarded(issuer, libraryClasses, classpath), dropins);
            for (var alg : List.of("RS256", "ES256")) {
                export(ShrinkWrap.create(WebArchive.class, "mpjwt-" + alg.toLowerCase(Locale.ROOT) + ".war")
                        .addClasses(MpJwtApp.class, MpJwtApp.Hello.class)
                        .addAsResource(new StringAsset(String.join("\n",
                                "mp.jwt.verify.issuer=" + issuer.issuer(),
                                "mp.jwt.verify.publickey.location=" + issuer.jwksUri(),
                                "mp.jwt.verify.publickey.algorithm=" + alg,
                                "mp.jwt.verify.audiences=api", "")), "META-INF/microprofile-config.properties"),
                        dropins);
            }
            var tokens = new LinkedHashMap<String, Path>();
            for (var alg : List.of("RS256", "ES256")) {
                int fresh = 110_000; // the fast path takes ES256 about as fast as RS256
                tokens.put(alg + "/repeated", writeTokens(work, alg, 1, issuer));
                tokens.put(alg + "/fresh", writeTokens(work, alg, fresh, issuer));
            }
            var lua = work.resolve("tokens.lua");
            Files.writeString(lua, LUA);
            Processes.liberty(wlp, "start", "e2e", true);
            try {
                var base = "http://127.0.0.1:" + port;
                awaitReady(base, tokens);
                long pid = Processes.libertyPid(wlp, "e2e");
                var results = new ArrayList<Result>();
                for (int round = 0; round < WARMUP_ROUNDS; round++) { // JIT warm-up, repeated tokens, not recorded
                    for (var entry : tokens.entrySet()) {
                        if (entry.getKey().endsWith("/repeated")) {
                            for (var app : apps(entry.getKey())) {
                                wrk(base, app, entry.getValue(), lua, SECONDS, pid, entry.getKey());
                            }
                        }
                    }
                }
                for (int round = 0; round < ROUNDS; round++) {
                    for (var entry : tokens.entrySet()) {
                        for (var app : apps(entry.getKey())) {
                            // the unprotected endpoint checks nothing: it gets the repeated token either way
                            var file = app.equals("plain")
                                    ? tokens.get(entry.getKey().replace("/fresh", "/repeated")) : entry.getValue();
                            int seconds = entry.getKey().endsWith("/fresh") ? FRESH_SECONDS : SECONDS;
                            results.add(wrk(base, app, file, lua, seconds, pid, entry.getKey()));
                        }
                    }
                }
                System.out.println(table(results));
            } finally {
                Processes.liberty(wlp, "stop", "e2e", false);
            }
        }
    }

    private static List<String> apps(String tokensKey) {
        var alg = tokensKey.substring(0, 5).toLowerCase(Locale.ROOT);
        return List.of("plain", "guarded", "mpjwt-" + alg);
    }

    private static WebArchive guarded(JwksServer issuer, Path libraryClasses, String[] classpath) throws IOException {
        var war = ShrinkWrap.create(WebArchive.class, "guarded.war")
                .addClasses(GuardedApp.class, GuardedApp.Hello.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .addAsResource(new StringAsset("bearer.issuer=" + issuer.issuer() + "\nbearer.audience=api\n"),
                        "META-INF/microprofile-config.properties");
        // the library as a user's WAR carries it: a jar of its classes, and its bundled dependencies
        var jar = ShrinkWrap.create(org.jboss.shrinkwrap.api.spec.JavaArchive.class, "bearer-guard.jar");
        try (var files = Files.walk(libraryClasses)) {
            for (var f : files.filter(Files::isRegularFile).toList()) {
                jar.addAsResource(f.toFile(), libraryClasses.relativize(f).toString());
            }
        }
        war.addAsLibrary(jar);
        for (var entry : classpath) {
            var name = Path.of(entry).getFileName().toString();
            // and the fast signature path, as an application enables it: the providers in WEB-INF/lib
            if (name.startsWith("jose4j-") || name.startsWith("cache-api-") || name.startsWith("ehcache-")
                    || name.startsWith("slf4j-api-") || name.startsWith("AmazonCorrettoCryptoProvider-")
                    || name.startsWith("bcprov-")) {
                war.addAsLibrary(new File(entry));
            }
        }
        return war;
    }

    private static void export(WebArchive war, Path dropins) {
        war.as(ZipExporter.class).exportTo(dropins.resolve(war.getName()).toFile(), true);
    }

    /** One token per line; all distinct (fresh jti and iat), valid for an hour, with the claims both sides need. */
    private static Path writeTokens(Path work, String alg, int count, JwksServer issuer) throws IOException {
        PublicJsonWebKey key = alg.equals("RS256") ? TestKeys.RSA : TestKeys.EC;
        var file = work.resolve("tokens-" + alg + "-" + count + ".txt");
        long now = Instant.now().getEpochSecond();
        var lines = java.util.stream.IntStream.range(0, count).parallel()
                .mapToObj(i -> TestTokens.signedBy(key, alg).issuer(issuer.issuer()).audience("api")
                        .claim("upn", "alice").claim("groups", List.of("user")).claim("jti", "t-" + i)
                        .claim("iat", now).claim("exp", now + 3600).build())
                .toList();
        Files.write(file, lines);
        SIZES.put(file, count);
        return file;
    }

    private static void awaitReady(String base, Map<String, Path> tokens) throws Exception {
        var client = HttpClient.newHttpClient();
        var deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (var key : tokens.keySet()) {
            var token = Files.readAllLines(tokens.get(key)).get(0);
            for (var app : apps(key)) {
                while (true) {
                    var request = HttpRequest.newBuilder(URI.create(base + "/" + app + "/api/hello"))
                            .header("Authorization", "Bearer " + token).build();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    }
                    if (status == 200) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(app + " with a " + key + " token answers " + status);
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static Result wrk(String base, String app, Path tokens, Path lua, int seconds, long pid, String key)
            throws Exception {
        long offset = OFFSETS.getOrDefault(tokens, 0L);
        long cpuBefore = Processes.cpuTicks(pid);
        var out = Processes.exec(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency", "-s",
                lua.toString(), base + "/" + app + "/api/hello", tokens.toString(), Long.toString(offset)), true);
        long cpuAfter = Processes.cpuTicks(pid);
        long requests = Long.parseLong(Processes.first(REQUESTS, out, "0"));
        int size = SIZES.get(tokens);
        long reused = size == 1 ? 0 : Math.max(0, offset + requests - size);
        OFFSETS.put(tokens, offset + requests + 64); // + what wrk's threads may have built but not counted
        long failed = Long.parseLong(Processes.first(NON_2XX, out, "0"));
        var errors = Processes.first(ERRORS, out, "");
        if (!errors.isEmpty()) {
            System.err.println(app + " " + key + ": socket errors " + errors);
        }
        double cpuMicros = requests == 0 ? 0 : (cpuAfter - cpuBefore) * 10_000.0 / requests; // 100 ticks per second
        var parts = key.split("/");
        return new Result(parts[0], parts[1], app.startsWith("mpjwt") ? "mpJwt-2.1" : app,
                Double.parseDouble(Processes.first(RPS, out, "0")), latency(out, "50"), latency(out, "99"), cpuMicros,
                requests, failed, reused);
    }

    private static String latency(String out, String percentile) {
        var m = Pattern.compile("\\s" + percentile + "%\\s+([\\d.]+\\w+)").matcher(out);
        return m.find() ? m.group(1) : "?";
    }

    static String table(List<Result> results) {
        var sb = new StringBuilder("| alg | tokens | endpoint | req/s | p50 | p99 | server CPU µs/req | non-2xx |"
                + " tokens reused | × unprotected | × mpJwt |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var r : results) {
            double plain = medianRps(results, r.alg(), r.tokens(), "plain");
            double mp = medianRps(results, r.alg(), r.tokens(), "mpJwt-2.1");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %.0f | %d | %d | %.2f | %.2f |%n",
                    r.alg(), r.tokens(), r.app(), r.rps(), r.p50(), r.p99(), r.cpuMicros(), r.failed(), r.reused(),
                    r.rps() / plain, r.rps() / mp));
        }
        sb.append("\nMedians over the rounds:\n\n| alg | tokens | endpoint | req/s | server CPU µs/req |"
                + " × unprotected | × mpJwt |\n|---|---|---|---:|---:|---:|---:|\n");
        for (var alg : List.of("RS256", "ES256")) {
            for (var tokens : List.of("repeated", "fresh")) {
                double plain = medianRps(results, alg, tokens, "plain");
                double mp = medianRps(results, alg, tokens, "mpJwt-2.1");
                for (var app : List.of("plain", "guarded", "mpJwt-2.1")) {
                    double m = medianRps(results, alg, tokens, app);
                    double cpu = median(results.stream().filter(r -> r.alg().equals(alg) && r.tokens().equals(tokens)
                            && r.app().equals(app)).mapToDouble(Result::cpuMicros).toArray());
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %.0f | %.2f | %.2f |%n", alg,
                            tokens, app, m, cpu, m / plain, m / mp));
                }
            }
        }
        return sb.toString();
    }

    /** The median req/s of a case over the rounds. */
    private static double medianRps(List<Result> results, String alg, String tokens, String app) {
        return median(results.stream().filter(r -> r.alg().equals(alg) && r.tokens().equals(tokens)
                && r.app().equals(app)).mapToDouble(Result::rps).toArray());
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        var sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String serverXml(int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="bearer-guard end-to-end benchmark">
                    <featureManager>
                        <feature>restfulWS-3.1</feature>
                        <!-- bearer-guard needs the servlet API visible (README: Testing your own resources) -->
                        <feature>servlet-6.0</feature>
                        <feature>cdi-4.0</feature>
                        <feature>mpConfig-3.1</feature>
                        <feature>jsonp-2.1</feature>
                        <feature>mpJwt-2.1</feature>
                    </featureManager>
                    <keyStore id="defaultKeyStore" password="bench-only-keystore"/>
                    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                    <applicationMonitor dropinsEnabled="true" updateTrigger="disabled"/>
                    <logging consoleLogLevel="WARNING"/>
                </server>
                """.formatted(port);
    }

    /** Each wrk thread takes its own share of the token file, in order, so a "fresh" token is used once. */
    private static final String LUA = """
            local tokens = {}
            local threads = {}
            local counter = 0
            function setup(thread)
              thread:set("id", counter)
              counter = counter + 1
              table.insert(threads, thread)
            end
            function init(args)
              for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
              step = 2
              i = tonumber(args[2]) + id - step
            end
            function request()
              i = i + step
              local token = tokens[(i % #tokens) + 1]
              return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
            end
            """;
}
