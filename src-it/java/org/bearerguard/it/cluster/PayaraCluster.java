package org.bearerguard.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Payara Micro instances (the jar Maven copied to {@code target/}) forming one data grid over TCP/IP on 127.0.0.1;
 * the application uses the grid's JCache ({@code bearer.cache.provider=payara}) and brings no cache of its own.
 * Each node may serve other applications beside it ({@code alongside}), on the same grid.
 */
final class PayaraCluster implements Cluster {

    private final Path work;
    private final int dataGridPort = ServerProcess.freePort();
    private final String clusterName = "bearer-guard-it-" + dataGridPort;
    private final List<Node> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final List<Path> alongside;

    PayaraCluster(Path work, List<Path> alongside) {
        this.work = work;
        this.alongside = List.copyOf(alongside);
    }

    @Override
    public String cacheConfig() {
        return "bearer.cache.provider=payara\n";
    }

    @Override
    public WebArchive prepare(WebArchive app) {
        return app;
    }

    @Override
    public Node start(int index, Path war) {
        int http = ServerProcess.freePort();
        var preboot = work.resolve("payara-preboot.txt");
        try {
            // HTTP on loopback only (Micro listens on every interface by default)
            Files.writeString(preboot, "set configs.config.server-config.network-config.network-listeners"
                    + ".network-listener.http-listener.address=127.0.0.1\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-Xmx384m", "-Djava.io.tmpdir=" + work,
                "-jar", System.getProperty("payara.microJar"),
                "--name", "node-" + index,
                "--port", Integer.toString(http),
                "--clustername", clusterName,
                "--clustermode", "tcpip:127.0.0.1:" + dataGridPort,
                "--startport", Integer.toString(dataGridPort),
                "--interfaces", "127.0.0.1",
                "--nohostaware", // one machine: keep backups on the other members all the same
                "--prebootcommandfile", preboot.toString(),
                "--deploy", war.toString()));
        alongside.forEach(other -> command.addAll(List.of("--deploy", other.toString())));
        var process = ServerProcess.start("payara-node-" + index, command, work.resolve("logs"), Map.of());
        var app = URI.create("http://127.0.0.1:" + http + "/" + war.getFileName().toString().replace(".war", "")
                + "/");
        var node = new Node(process, app);
        nodes.add(node); // stopped by close() even if it never answers
        process.awaitHttp(app.resolve("api/health"), Duration.ofSeconds(240));
        return node;
    }

    /** On Payara the grid lives in the nodes: the last one stays, the others leave the grid at once (killed). */
    @Override
    public List<Node> survivorsOfLosingCache(List<Node> serving) {
        return List.of(serving.get(serving.size() - 1));
    }

    @Override
    public void loseCache(List<Node> serving) {
        serving.subList(0, serving.size() - 1).forEach(n -> n.process().kill());
    }

    /** The grid's first member listens on the data grid port (the others on the next ones). */
    @Override
    public GridPoisoner poisoner() {
        return GridPoisoner.join(clusterName, "127.0.0.1:" + dataGridPort, REGION);
    }

    @Override
    public String cacheName() {
        return "Payara data grid";
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.process().stop());
    }
}
