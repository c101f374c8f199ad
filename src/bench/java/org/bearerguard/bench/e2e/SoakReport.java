package org.bearerguard.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.bearerguard.testkit.TestIssuer;

/** The soak's figures, from its start (after the warm-up) to its end, as the markdown BENCHMARKS.md carries. */
final class SoakReport {

    private final TestIssuer issuer;
    private final SoakProbe probe;
    private final Path work;
    private final List<String> events = new ArrayList<>();
    private final List<String> heap = new ArrayList<>();
    private SoakProbe.Snapshot before;
    private SoakProbe.Snapshot after;
    private Map<String, Double> countersBefore;
    private Map<String, Double> countersAfter;
    private int jwksBefore;
    private int metadataBefore;
    private int jwksAfter;
    private int metadataAfter;
    private long epochStart;
    private long seconds;
    private List<WrkStream> streams;

    SoakReport(TestIssuer issuer, SoakProbe probe, Path work) {
        this.issuer = issuer;
        this.probe = probe;
        this.work = work;
    }

    void begin() throws IOException, InterruptedException {
        before = probe.snapshot();
        countersBefore = probe.counters();
        jwksBefore = issuer.jwksRequests();
        metadataBefore = issuer.metadataRequests();
        epochStart = System.currentTimeMillis() / 1000;
    }

    /** The live heap during the soak (a full GC each time). */
    void sampleHeap(long second) {
        try {
            heap.add(String.format(Locale.ROOT, "%d s: %.1f MiB", second, probe.snapshot().heapKiB() / 1024.0));
        } catch (IOException e) {
            heap.add(second + " s: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void event(long second, String what) {
        events.add(second + " s: " + what);
    }

    void end(long elapsed, List<WrkStream> ran) throws IOException, InterruptedException {
        seconds = elapsed;
        streams = ran;
        jwksAfter = issuer.jwksRequests();
        metadataAfter = issuer.metadataRequests();
        countersAfter = probe.counters();
        after = probe.snapshot();
    }

    String markdown(Map<String, Integer> logLines) throws IOException {
        var sb = new StringBuilder();
        sb.append("Events: ").append(String.join("; ", events)).append(".\n\n");
        sb.append("| caller | expected | responses | distinct tokens | statuses | unexpected | when (s into the soak)"
                + " | socket errors | req/s |\n|---|---|---:|---:|---|---:|---|---:|---:|\n");
        long total = 0;
        long unexpected = 0;
        long serverErrors = 0;
        long socketErrors = 0;
        for (var stream : streams) {
            var o = stream.outcome();
            long bad = o.statuses().entrySet().stream().filter(e -> !stream.isExpected(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            serverErrors += o.statuses().entrySet().stream().filter(e -> e.getKey() >= 500)
                    .mapToLong(Map.Entry::getValue).sum();
            total += o.responses();
            unexpected += bad;
            socketErrors += o.socketErrors();
            var when = bad == 0 ? "–" : (o.firstBad() - epochStart) + "–" + (o.lastBad() - epochStart);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %s | %,d | %s | %d | %,.0f |%n",
                    stream.name(), stream.expected(), o.responses(), o.distinct(), o.statuses(), bad, when,
                    o.socketErrors(), o.rps()));
        }
        sb.append(String.format(Locale.ROOT, "%nServed: **%,d requests in %d s (%,.0f req/s)**; unexpected statuses"
                        + " **%,d**; 5xx **%,d**; socket errors **%,d**.%n%n", total, seconds, total / (double) seconds,
                unexpected, serverErrors, socketErrors));
        sb.append("| the server process | at the start | at the end |\n|---|---:|---:|\n");
        sb.append(row("heap after a full GC (MiB)", before.heapKiB() / 1024.0, after.heapKiB() / 1024.0));
        sb.append(row("resident set (MiB)", before.rssKiB() / 1024.0, after.rssKiB() / 1024.0));
        sb.append(row("open file descriptors", before.fds(), after.fds()));
        sb.append(row("threads", before.threads(), after.threads()));
        sb.append(String.format(Locale.ROOT, "%nServer CPU: %.2f of the 2 cores on average (wrk used the rest)."
                + " Heap after a full GC along the way: %s.%n", (after.cpuTicks() - before.cpuTicks()) / 100.0
                / seconds, String.join(", ", heap)));
        sb.append(String.format(Locale.ROOT, "%nThe issuer saw **%d JWKS requests** and %d metadata requests during"
                + " the soak (%d and %d since the server started).%n%n", jwksAfter - jwksBefore,
                metadataAfter - metadataBefore, jwksAfter, metadataAfter));
        sb.append("bearer-guard's counters (/metrics), soak only:\n\n| counter | during the soak |\n|---|---:|\n");
        var names = new TreeSet<>(countersAfter.keySet());
        for (var name : names) {
            double delta = countersAfter.get(name) - countersBefore.getOrDefault(name, 0.0);
            if (delta != 0) {
                sb.append(String.format(Locale.ROOT, "| `%s` | %,.0f |%n", name, delta));
            }
        }
        sb.append("\n/health/ready, each change (probed every 2 s):\n\n");
        probe.healthChanges().forEach(h -> sb.append("- ").append(h).append('\n'));
        sb.append("\nServer log, WARNING (W) and SEVERE (E) lines by text (digits as N):\n\n");
        logLines.forEach((text, n) -> sb.append("- ").append(n).append(" × ").append(text).append('\n'));
        var report = sb.toString();
        Files.writeString(work.resolve("soak-report.md"), report);
        return report;
    }

    private static String row(String what, double start, double end) {
        return String.format(Locale.ROOT, "| %s | %,.1f | %,.1f |%n", what, start, end);
    }
}
