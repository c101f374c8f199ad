package org.bearerguard.it.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bearerguard.it.ProcessTrees;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * OpenLiberty servers (the runtime Maven installed under {@code target/liberty}) whose applications are clients of
 * one stand-alone Hazelcast member that the test runs ({@code server-config/hazelcast/hazelcast-member.xml}); the
 * application carries the Hazelcast jar.
 */
final class LibertyCluster implements Cluster {

    private final Path work;
    private final Path wlp = Path.of(System.getProperty("wlp.home"));
    private final int memberPort = ServerProcess.freePort();
    private final String clusterName = "bearer-guard-it-" + memberPort;
    private final List<Node> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ServerProcess member;

    LibertyCluster(Path work) {
        this.work = work;
        startMember();
    }

    /** The Hazelcast member, on the same port as before: the clients reconnect to it by themselves. */
    void startMember() {
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + work,
                "-Dhazelcast.config=" + Path.of("server-config/hazelcast/hazelcast-member.xml").toAbsolutePath(),
                "-Dbg.hz.cluster-name=" + clusterName, "-Dbg.hz.port=" + memberPort,
                // Hazelcast and the JCache API (without it a member offers no JCache)
                "-cp", Path.of(System.getProperty("it.hazelcast.jar")).resolveSibling("*").toString(),
                "com.hazelcast.core.server.HazelcastMemberStarter");
        member = ServerProcess.start("hazelcast-member", command, work.resolve("logs"), Map.of());
        var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (member.logLines("is STARTED") == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Hazelcast member not started:\n" + member.logTail());
            }
            ServerProcess.sleep(200);
        }
    }

    @Override
    public String cacheConfig() {
        return String.join("\n",
                "bearer.cache.provider=hazelcast-client",
                "bearer.cache.hazelcast.cluster-name=" + clusterName,
                "bearer.cache.hazelcast.members=127.0.0.1:" + memberPort,
                "");
    }

    @Override
    public WebArchive prepare(WebArchive app) {
        return app.addAsLibrary(new File(System.getProperty("it.hazelcast.jar")));
    }

    @Override
    public Node start(int index, Path war) {
        var name = "bgCluster" + index;
        var server = wlp.resolve("usr/servers").resolve(name);
        int http = ServerProcess.freePort();
        try {
            stopStale(name);
            deleteTree(server);
            Files.createDirectories(server.resolve("dropins"));
            Files.writeString(server.resolve("server.xml"),
                    withoutMetrics(withoutHealth(Files.readString(Path.of("server-config/liberty/server.xml")))));
            // deploy the WAR as it is: expanding it while the dropins monitor watches restarts the application
            Files.createDirectories(server.resolve("configDropins/overrides"));
            Files.writeString(server.resolve("configDropins/overrides/cluster-node.xml"),
                    "<server><applicationManager autoExpand=\"false\"/></server>\n");
            // the build's key store (server.xml: TLS), so that no node makes a key pair of its own at start
            Files.writeString(server.resolve("bootstrap.properties"),
                    "http.port=" + http + "\nhttps.port=" + ServerProcess.freePort() + "\ntls.keystore="
                    + Path.of(System.getProperty("it.tls.dir", "target/tls"), "server.p12").toAbsolutePath() + "\n");
            Files.writeString(server.resolve("jvm.options"), "-Xmx384m\n-Djava.io.tmpdir=" + work + "\n");
            Files.copy(war, server.resolve("dropins").resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            run(List.of(wlp.resolve("bin/server").toString(), "start", name));
            var pid = Long.parseLong(Files.readString(pidFile(name), StandardCharsets.US_ASCII).strip());
            var process = ServerProcess.of("liberty-" + name, server.resolve("logs/messages.log"), pid);
            var app = URI.create("http://127.0.0.1:" + http + "/" + war.getFileName().toString().replace(".war", "")
                    + "/");
            var node = new Node(process, app);
            nodes.add(node); // stopped by close() even if it never answers
            process.awaitHttp(app.resolve("api/health"), Duration.ofSeconds(180));
            checkNotServed(URI.create("http://127.0.0.1:" + http + "/health/ready"), "MicroProfile Health");
            checkNotServed(URI.create("http://127.0.0.1:" + http + "/metrics"), "MicroProfile Metrics");
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shared server.xml without {@code mpHealth-4.0}: these servers run bearer-guard where the application cannot
     * see the MicroProfile Health API (Liberty exposes a feature's API only while the feature is on), the proof that
     * the library works without it.
     */
    static String withoutHealth(String serverXml) {
        var feature = "<feature>mpHealth-4.0</feature>";
        if (!serverXml.contains(feature)) {
            throw new IllegalStateException("server-config/liberty/server.xml no longer names " + feature
                    + ": update LibertyCluster, whose servers run without it");
        }
        return serverXml.replace(feature, "");
    }

    /**
     * The shared server.xml without {@code mpMetrics-5.1} (and its {@code <mpMetrics>} settings): as
     * {@link #withoutHealth}, bearer-guard where the application cannot see the MicroProfile Metrics API.
     */
    static String withoutMetrics(String serverXml) {
        var feature = "<feature>mpMetrics-5.1</feature>";
        var settings = "<mpMetrics authentication=\"false\"/>";
        if (!serverXml.contains(feature) || !serverXml.contains(settings)) {
            throw new IllegalStateException("server-config/liberty/server.xml no longer names " + feature + " and "
                    + settings + ": update LibertyCluster, whose servers run without them");
        }
        return serverXml.replace(feature, "").replace(settings, "");
    }

    /** The server lacks {@code what}: {@code endpoint} is not served. */
    private static void checkNotServed(URI endpoint, String what) {
        var ready = endpoint;
        try {
            var status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(ready)
                    .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 404) {
                throw new IllegalStateException(ready + " answered " + status + ": this node has " + what);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path pidFile(String name) {
        return wlp.resolve("usr/servers/.pid/" + name + ".pid");
    }

    /** A server of that name left running by an aborted build. */
    private void stopStale(String name) throws IOException {
        if (Files.exists(pidFile(name))) {
            var pid = Long.parseLong(Files.readString(pidFile(name), StandardCharsets.US_ASCII).strip());
            ProcessHandle.of(pid).filter(p -> p.info().commandLine().map(c -> c.contains(wlp.toString())).orElse(false))
                    .ifPresent(ProcessTrees::kill);
            Files.delete(pidFile(name));
        }
    }

    private void run(List<String> command) throws IOException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("logs/liberty-commands.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            var exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(command + " exited with " + exit + ", see "
                        + work.resolve("logs/liberty-commands.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Hazelcast member process dies; every Liberty server keeps serving. */
    @Override
    public List<Node> survivorsOfLosingCache(List<Node> serving) {
        return serving;
    }

    @Override
    public void loseCache(List<Node> serving) {
        member.kill();
    }

    @Override
    public GridPoisoner poisoner() {
        return GridPoisoner.join(clusterName, "127.0.0.1:" + memberPort, REGION);
    }

    @Override
    public String cacheName() {
        return "Hazelcast (client → member process)";
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.process().stop());
        member.stop();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (var p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
