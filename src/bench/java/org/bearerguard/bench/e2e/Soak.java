package org.bearerguard.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bearerguard.testkit.SigningKey;
import org.bearerguard.testkit.TestIssuer;

/**
 * The soak test (issue 17): the demo WAR on OpenLiberty (the project's own server.xml), trusting a test issuer on
 * 127.0.0.1, under {@code wrk} at saturation for {@code soak.seconds} (600) with a mixed population (see
 * {@link SoakPopulation}) while the issuer rotates its signing key (at 30 %) and is down for
 * {@code soak.outage-seconds} (60, from 60 %). Prints the report for BENCHMARKS.md ({@link SoakReport}). Run by
 * {@code src/bench/run-soak.sh}.
 *
 * <p>Arguments: the unpacked {@code wlp} folder, a work folder, the demo WAR, the server.xml.
 */
public final class Soak {

    static final int SECONDS = Integer.getInteger("soak.seconds", 600);
    static final int OUTAGE_SECONDS = Integer.getInteger("soak.outage-seconds", 60);
    static final int WARMUP_SECONDS = Integer.getInteger("soak.warmup-seconds", 60);
    /** Fresh tokens written per second of the soak: more than the stream can use, so that none is sent twice. */
    private static final int FRESH_PER_SECOND = Integer.getInteger("soak.fresh-per-second", 800);
    private static final String SERVER = "soak";

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        var wlp = Path.of(args[0]);
        var work = Path.of(args[1]);
        Files.createDirectories(work);
        var rsa = SigningKey.rsa("rsa-1");
        var ecA = SigningKey.ec("ec-1");
        var ecB = SigningKey.ec("ec-2");
        try (var issuer = TestIssuer.start("api", ecA, rsa)) {
            System.out.println("writing the token populations …");
            int rotateAt = SECONDS * 3 / 10;
            int downAt = SECONDS * 6 / 10;
            var population = new SoakPopulation(issuer, work);
            var repeated = population.repeated(rsa, 100);
            var warmupFresh = population.fresh("fresh-warmup", ecA, WARMUP_SECONDS * FRESH_PER_SECOND);
            var freshA = population.fresh("fresh-before-rotation", ecA, rotateAt * FRESH_PER_SECOND);
            var freshB = population.fresh("fresh-after-rotation", ecB, (SECONDS - rotateAt) * FRESH_PER_SECOND);
            var refusals = List.of(
                    new WrkStream("expired", population.expired(ecA), "401", 2),
                    new WrkStream("forged", population.forged(ecA, SigningKey.ec("ec-1")), "401", 2),
                    new WrkStream("unknown kid", population.unknownKid(SigningKey.ec("probe"), 20_000), "401", 2),
                    new WrkStream("malformed", population.malformed(), "400,401", 2));
            var lua = work.resolve("soak.lua");
            Files.writeString(lua, WrkStream.LUA);

            int port = Processes.freePort();
            start(wlp, Path.of(args[2]), Path.of(args[3]), port, issuer);
            try {
                var base = "http://127.0.0.1:" + port;
                awaitReady(base + "/api/me", Files.readAllLines(repeated).get(0));
                var probe = new SoakProbe(Processes.libertyPid(wlp, SERVER), base);
                var report = new SoakReport(issuer, probe, work);

                System.out.println("warm-up, " + WARMUP_SECONDS + " s …");
                var warmup = new ArrayList<>(List.of(new WrkStream("repeated", repeated, "200", 8),
                        new WrkStream("fresh", warmupFresh, "200", 4)));
                warmup.addAll(refusals);
                for (var stream : warmup) {
                    stream.start(base, lua, work, "warmup", WARMUP_SECONDS);
                }
                for (var stream : warmup) {
                    stream.await();
                }

                report.begin();
                var streams = new ArrayList<>(List.of(new WrkStream("repeated", repeated, "200", 8),
                        new WrkStream("fresh, before the rotation", freshA, "200", 4)));
                streams.addAll(refusals);
                var sampler = Executors.newScheduledThreadPool(2, r -> { // daemons: a failed soak still ends
                    var thread = new Thread(r, "soak-probe");
                    thread.setDaemon(true);
                    return thread;
                });
                long t0 = System.nanoTime();
                sampler.scheduleAtFixedRate(() -> probe.sampleHealth(secondsSince(t0)), 0, 2, TimeUnit.SECONDS);
                sampler.scheduleAtFixedRate(() -> report.sampleHeap(secondsSince(t0)), SECONDS / 5, SECONDS / 5,
                        TimeUnit.SECONDS);
                System.out.println("soak, " + SECONDS + " s …");
                for (var stream : streams) {
                    stream.start(base, lua, work, "soak", stream.name().startsWith("fresh") ? rotateAt : SECONDS);
                }
                sleepUntil(t0, rotateAt);
                issuer.publish(ecB, ecA, rsa); // a rotation: ec-2 signs from now on, next to the keys already out
                var afterRotation = new WrkStream("fresh, after the rotation", freshB, "200", 4);
                afterRotation.start(base, lua, work, "soak", SECONDS - rotateAt);
                streams.add(afterRotation);
                report.event(secondsSince(t0), "issuer rotates: ec-2 published and signing; fresh tokens under ec-2");
                sleepUntil(t0, downAt);
                issuer.down(true);
                report.event(secondsSince(t0), "issuer down (every endpoint 503)");
                sleepUntil(t0, downAt + OUTAGE_SECONDS);
                issuer.down(false);
                report.event(secondsSince(t0), "issuer back");
                for (var stream : streams) {
                    stream.await();
                }
                sampler.shutdownNow();
                report.end(secondsSince(t0), streams);
                System.out.println(report.markdown(logLines(wlp)));
            } finally {
                Processes.liberty(wlp, "stop", SERVER, false);
            }
        }
    }

    /** A fresh server from the project's server.xml, the demo in dropins, the issuer named in server.env. */
    private static void start(Path wlp, Path war, Path serverXml, int port, TestIssuer issuer) throws Exception {
        Processes.liberty(wlp, "stop", SERVER, false);
        var server = wlp.resolve("usr/servers/" + SERVER);
        if (Files.exists(server)) {
            try (var files = Files.walk(server)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        Processes.liberty(wlp, "create", SERVER, true);
        Files.copy(serverXml, server.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(server.resolve("bootstrap.properties"),
                "http.port=" + port + "\nhttps.port=" + Processes.freePort() + "\n");
        Files.writeString(server.resolve("server.env"), "BEARER_ISSUER=" + issuer.issuer() + "\nBEARER_AUDIENCE="
                + issuer.audience() + "\n");
        Files.writeString(server.resolve("jvm.options"), "-Xmx512m\n");
        Files.copy(war, server.resolve("dropins/demo.war"));
        Processes.liberty(wlp, "start", SERVER, true);
    }

    private static void awaitReady(String url, String token) throws Exception {
        var client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            }
            if (status == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " answers " + status + " to a good token");
    }

    /** The server's WARNING and SEVERE lines, by text (digits folded), with how often each came. */
    private static Map<String, Integer> logLines(Path wlp) throws IOException {
        var counts = new java.util.TreeMap<String, Integer>();
        var log = wlp.resolve("usr/servers/" + SERVER + "/logs/messages.log");
        for (var line : Files.readAllLines(log)) {
            var m = java.util.regex.Pattern.compile("^\\[[^]]+] \\S+ \\S+\\s+([WE]) (.*)$").matcher(line);
            if (m.matches()) {
                var text = m.group(2).replaceAll("\\d+", "N");
                counts.merge(m.group(1) + " " + text.substring(0, Math.min(160, text.length())), 1, Integer::sum);
            }
        }
        var ffdc = wlp.resolve("usr/servers/" + SERVER + "/logs/ffdc").toFile().list();
        counts.put("FFDC files", ffdc == null ? 0 : ffdc.length);
        return counts;
    }

    private static void sleepUntil(long t0, int second) throws InterruptedException {
        long wait = t0 + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    static long secondsSince(long t0) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    }
}
