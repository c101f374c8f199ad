package org.bearerguard.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** What the soak reads off the server: the process itself (heap, descriptors, threads), /metrics, /health/ready. */
final class SoakProbe {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern METRIC = Pattern.compile("^(bearerguard_\\w+_total\\{[^}]*}) ([\\d.E]+)$");
    private static final Pattern ISSUER_TAG = Pattern.compile("issuer=\"[^\"]*\",|mp_scope=\"application\",?");
    private static final Pattern READY_DATA = Pattern.compile("\"data\"\\s*:\\s*\\{([^}]*)}");

    record Snapshot(long heapKiB, long rssKiB, int fds, int threads, long cpuTicks) {
    }

    private final long pid;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> health = new ArrayList<>();

    SoakProbe(long pid, String base) {
        this.pid = pid;
        this.base = base;
    }

    /** After a full collection ({@code jcmd GC.run}): live heap, resident set, open descriptors, threads. */
    Snapshot snapshot() throws IOException, InterruptedException {
        var jcmd = List.of("jcmd", Long.toString(pid));
        Processes.exec(concat(jcmd, "GC.run"), true);
        var heap = Processes.exec(concat(jcmd, "GC.heap_info"), true);
        var m = HEAP_USED.matcher(heap);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in: " + heap);
        }
        String[] fds = new java.io.File("/proc/" + pid + "/fd").list();
        var status = Files.readString(Path.of("/proc/" + pid + "/status"));
        return new Snapshot(Long.parseLong(m.group(1)), statusField(status, "VmRSS"), fds == null ? -1 : fds.length,
                (int) statusField(status, "Threads"), Processes.cpuTicks(pid));
    }

    /** Every bearer-guard counter on /metrics (application scope), by name and tags. */
    Map<String, Double> counters() throws IOException, InterruptedException {
        var body = get("/metrics?scope=application").body();
        var counters = new TreeMap<String, Double>();
        for (var line : body.split("\n")) {
            var m = METRIC.matcher(line.trim());
            if (m.matches()) {
                var name = ISSUER_TAG.matcher(m.group(1)).replaceAll("").replace(",}", "}").replace("{}", "");
                counters.merge(name, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return counters;
    }

    /** One probe of /health/ready, kept when its answer differs from the last one kept. */
    void sampleHealth(long secondsIntoSoak) {
        String answer;
        try {
            var response = get("/health/ready");
            var m = READY_DATA.matcher(response.body());
            answer = response.statusCode() + " " + (m.find() ? m.group(1).replaceAll("\\s+", " ").trim() : response.body());
        } catch (IOException e) {
            answer = "no answer (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (health) {
            if (health.isEmpty() || !health.get(health.size() - 1).endsWith(" → " + answer)) {
                health.add(secondsIntoSoak + " s → " + answer);
            }
        }
    }

    List<String> healthChanges() {
        synchronized (health) {
            return List.copyOf(health);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long statusField(String status, String field) {
        for (var line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    private static List<String> concat(List<String> head, String last) {
        var all = new ArrayList<>(head);
        all.add(last);
        return all;
    }
}
