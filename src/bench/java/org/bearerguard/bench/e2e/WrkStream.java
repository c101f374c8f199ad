package org.bearerguard.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One kind of caller in the soak: its own {@code wrk} process (one thread, a few connections) sending the tokens of
 * one file in turn to the demo's {@code /api/me}, counting every status it gets back and when the first and the last
 * unexpected one came.
 */
final class WrkStream {

    private static final Pattern RESULT = Pattern.compile("SOAK sent=(\\d+) distinct=(\\d+) first_bad=(\\d+)"
            + " last_bad=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) timeout=(\\d+) statuses=(\\S*)");
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

    private final String name;
    private final Path tokens;
    private final String expected;
    private final int connections;
    private Process process;
    private Path output;
    private long started;

    /** What one run of the stream saw. */
    record Outcome(long sent, long distinct, Map<Integer, Long> statuses, long firstBad, long lastBad,
                   long socketErrors, double rps) {

        long responses() {
            return statuses.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Outcome outcome;

    WrkStream(String name, Path tokens, String expected, int connections) {
        this.name = name;
        this.tokens = tokens;
        this.expected = expected;
        this.connections = connections;
    }

    String name() {
        return name;
    }

    /** The statuses this caller must get, e.g. {@code 200} or {@code 400,401}. */
    String expected() {
        return expected;
    }

    boolean isExpected(int status) {
        return Arrays.stream(expected.split(",")).mapToInt(Integer::parseInt).anyMatch(s -> s == status);
    }

    /** The epoch second it started. */
    long started() {
        return started;
    }

    void start(String base, Path lua, Path work, String phase, int seconds) throws IOException {
        output = work.resolve("wrk-" + phase + "-" + name.replaceAll("\\W+", "-") + ".out");
        started = System.currentTimeMillis() / 1000;
        process = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", lua.toString(), base + "/api/me", tokens.toString(), expected)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    Outcome await() throws IOException, InterruptedException {
        int rc = process.waitFor();
        var out = Files.readString(output);
        var m = RESULT.matcher(out);
        if (rc != 0 || !m.find()) {
            throw new IllegalStateException("wrk for " + name + " ended with " + rc + ":\n" + out);
        }
        var statuses = new TreeMap<Integer, Long>();
        for (var pair : m.group(9).split(",")) {
            if (!pair.isEmpty()) {
                var kv = pair.split("=");
                statuses.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
            }
        }
        long socketErrors = 0;
        for (int g = 5; g <= 8; g++) {
            socketErrors += Long.parseLong(m.group(g));
        }
        outcome = new Outcome(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), statuses,
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), socketErrors,
                Double.parseDouble(Processes.first(RPS, out, "0")));
        return outcome;
    }

    Outcome outcome() {
        return outcome;
    }

    /**
     * The tokens in turn (the same token again only once the file is used up: {@code distinct} says how many were
     * sent); every status counted; the seconds of the first and the last status not in {@code args[2]}.
     */
    static final String LUA = """
            local threads = {}
            function setup(thread)
              table.insert(threads, thread)
            end
            function init(args)
              tokens = {}
              for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
              count = #tokens
              expected = {}
              for s in string.gmatch(args[2], "%d+") do expected[tonumber(s)] = true end
              sent = 0
              statuses = {}
              first_bad = 0
              last_bad = 0
            end
            function request()
              sent = sent + 1
              return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[((sent - 1) % count) + 1] })
            end
            function response(status, headers, body)
              local key = tostring(status)
              statuses[key] = (statuses[key] or 0) + 1
              if not expected[status] then
                local now = os.time()
                if first_bad == 0 then first_bad = now end
                last_bad = now
              end
            end
            function done(summary, latency, requests)
              local total, parts = {}, {}
              local all, distinct, first, last = 0, 0, 0, 0
              for _, t in ipairs(threads) do
                local s = t:get("sent")
                all = all + s
                distinct = distinct + math.min(s, t:get("count"))
                for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
                local f, l = t:get("first_bad"), t:get("last_bad")
                if f ~= 0 and (first == 0 or f < first) then first = f end
                if l > last then last = l end
              end
              for k, v in pairs(total) do parts[#parts + 1] = k .. "=" .. v end
              local e = summary.errors
              io.write(string.format("SOAK sent=%d distinct=%d first_bad=%d last_bad=%d connect=%d read=%d"
                .. " write=%d timeout=%d statuses=%s\\n", all, distinct, first, last, e.connect, e.read, e.write,
                e.timeout, table.concat(parts, ",")))
            end
            """;
}
