package org.bearerguard.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** What the end-to-end runs share: commands, a free loopback port, a process's CPU ticks, a Liberty server. */
final class Processes {

    private Processes() {
    }

    /** Runs a command to its end and returns what it printed (stdout and stderr). */
    static String exec(List<String> command, boolean mustSucceed) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes());
        int rc = process.waitFor();
        if (mustSucceed && rc != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + rc + "):\n" + out);
        }
        return out;
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** utime + stime of a process, in clock ticks (100 a second). */
    static long cpuTicks(long pid) throws IOException {
        var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String first(Pattern p, String text, String otherwise) {
        var m = p.matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }

    /** {@code wlp/bin/server <action> <name>}. */
    static String liberty(Path wlp, String action, String name, boolean mustSucceed)
            throws IOException, InterruptedException {
        return exec(List.of(wlp.resolve("bin/server").toString(), action, name), mustSucceed);
    }

    /** The pid of a started Liberty server. */
    static long libertyPid(Path wlp, String name) throws IOException {
        return Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + name + ".pid")).trim());
    }
}
