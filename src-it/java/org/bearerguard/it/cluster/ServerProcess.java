package org.bearerguard.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bearerguard.it.ProcessTrees;

/** A server process the test starts on 127.0.0.1, with its output in a log file, and kills or stops at the end. */
final class ServerProcess {

    /** HTTP/1.1: the JDK client's h2c upgrade attempt can hang against Payara Micro, past any request timeout. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path log;
    private ProcessHandle handle;

    private ServerProcess(String name, Path log, ProcessHandle handle) {
        this.name = name;
        this.log = log;
        this.handle = handle;
    }

    /** Starts {@code command}; output goes to {@code <logs>/<name>.log}. */
    static ServerProcess start(String name, List<String> command, Path logs, Map<String, String> environment) {
        try {
            Files.createDirectories(logs);
            var log = logs.resolve(name + ".log");
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new ServerProcess(name, log, builder.start().toHandle());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** A process started elsewhere (Liberty's {@code server start} forks the server). */
    static ServerProcess of(String name, Path log, long pid) {
        return new ServerProcess(name, log, ProcessHandle.of(pid).orElseThrow(
                () -> new IllegalStateException(name + " (pid " + pid + ") is not running")));
    }

    String name() {
        return name;
    }

    /** Waits until {@code url} answers 200 (bounded); fails with the log's tail if the process died or it timed out. */
    void awaitHttp(URI url, Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                var status = CLIENT.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (handle != null && !handle.isAlive()) {
                throw new IllegalStateException(name + " exited while starting:\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not answering " + url + " after " + timeout + ":\n"
                        + logTail());
            }
            sleep(250);
        }
    }

    /** The process dies at once (SIGKILL), as in a crash: no goodbye to its cluster. */
    void kill() {
        ProcessTrees.kill(handle);
    }

    /** Stops the process (SIGTERM, then SIGKILL after 30 s). */
    void stop() {
        ProcessTrees.stop(handle);
    }

    String logTail() {
        try {
            var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Lines of the log that contain {@code text}. */
    long logLines(String text) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
