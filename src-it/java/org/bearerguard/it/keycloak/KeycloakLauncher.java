package org.bearerguard.it.keycloak;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bearerguard.it.ProcessTrees;

/**
 * Starts and stops the Keycloak server distribution that Maven unpacked under {@code target/}, with the realms of
 * {@code server-config/keycloak} imported into an in-memory database (every start begins from those files).
 * Run by exec-maven-plugin:
 *
 * <ul>
 *   <li>{@code start}: before the integration tests; returns once the realms answer (bounded wait), leaving a PID
 *       file. A Keycloak left by an aborted build is stopped first; one left by a killed Maven dies with it
 *       (shutdown hook).</li>
 *   <li>{@code stop}: after the integration tests, also when they failed.</li>
 *   <li>{@code run}: for the demo, in the foreground until Ctrl-C.</li>
 * </ul>
 *
 * <p>Arguments: {@code <start|stop|run> <distribution dir> <realms dir> <state dir> <http port> <management port>}.
 */
public final class KeycloakLauncher {

    /** Realm files imported at start-up: {@code <realm>-realm.json}. */
    private static final String REALM_FILE = "-realm.json";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.getLong("keycloak.startTimeoutSeconds", 360));

    private final Path home;
    private final Path realms;
    private final Path state;
    private final int port;
    private final int managementPort;

    private KeycloakLauncher(Path home, Path realms, Path state, int port, int managementPort) {
        this.home = home;
        this.realms = realms;
        this.state = state;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: <start|stop|run> <distribution> <realms> <state> <port> "
                    + "<management port>, got " + List.of(args));
        }
        var launcher = new KeycloakLauncher(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        switch (args[0]) {
            case "start" -> launcher.start();
            case "stop" -> launcher.stop();
            case "run" -> launcher.run();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private Path pidFile() {
        return state.resolve("keycloak.pid");
    }

    private Path logFile() {
        return state.resolve("keycloak.log");
    }

    private ProcessHandle start() throws IOException, InterruptedException {
        stop(); // a Keycloak left by an aborted build
        Files.createDirectories(state);
        var imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (var old = Files.list(imports)) {
            for (var file : old.toList()) {
                Files.delete(file);
            }
        }
        var realmNames = new ArrayList<String>();
        try (var files = Files.list(realms)) {
            for (var realm : files.filter(p -> p.toString().endsWith(REALM_FILE)).toList()) {
                Files.copy(realm, imports.resolve(realm.getFileName()));
                var file = realm.getFileName().toString();
                realmNames.add(file.substring(0, file.length() - REALM_FILE.length()));
            }
        }
        var command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port,
                "--hostname=http://127.0.0.1:" + port, "--http-management-port=" + managementPort,
                "--import-realm"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile().toFile());
        environment(builder.environment());
        var started = Instant.now();
        var process = builder.start();
        var handle = process.toHandle();
        Files.writeString(pidFile(), Long.toString(handle.pid()), StandardCharsets.US_ASCII);
        // if Maven dies before the stop step, Keycloak goes with it: a shutdown hook, and for a Maven killed outright
        // a watchdog that outlives it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessTrees.stop(handle)));
        watchdog(ProcessHandle.current().pid(), handle.pid());
        System.out.printf("Keycloak starting on http://127.0.0.1:%d (log: %s)%n", port, logFile());
        awaitReady(handle, realmNames);
        new Keycloak(URI.create("http://127.0.0.1:" + port + "/")).finishRealms();
        System.out.printf("Keycloak ready after %d s%n", Duration.between(started, Instant.now()).toSeconds());
        return handle;
    }

    /**
     * A shell loop that ends when Keycloak does, or stops Keycloak (TERM, then KILL after 30 s) once Maven is gone.
     * kc.sh forwards TERM to its Java process, or has become it.
     */
    private static void watchdog(long mavenPid, long keycloakPid) throws IOException {
        var m = Long.toString(mavenPid);
        var k = Long.toString(keycloakPid);
        var script = "while kill -0 " + m + " 2>/dev/null && kill -0 " + k + " 2>/dev/null; do sleep 2; done;"
                + " kill -0 " + k + " 2>/dev/null || exit 0; kill " + k + ";"
                + " for i in $(seq 15); do kill -0 " + k + " 2>/dev/null || exit 0; sleep 2; done; kill -9 " + k;
        new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void environment(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_CLIENT_ID", Keycloak.ADMIN_CLIENT_ID);
        env.put("KC_BOOTSTRAP_ADMIN_CLIENT_SECRET", Keycloak.ADMIN_CLIENT_SECRET);
        // the default heap is 70% of the machine's memory
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        // keep Keycloak's temporary files (and Vert.x's cache) inside the state folder
        env.put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + state + " -Dvertx.cacheDirBase=" + state.resolve("vertx"));
        env.remove("KC_DB"); // only this command line configures this Keycloak
    }

    /** Until every imported realm answers discovery, or the bounded wait is over. */
    private void awaitReady(ProcessHandle handle, List<String> realmNames) throws IOException, InterruptedException {
        var probe = new Keycloak(URI.create("http://127.0.0.1:" + port + "/"));
        var deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        var pending = new ArrayList<>(realmNames);
        while (!pending.isEmpty()) {
            pending.removeIf(realm -> probe.probe(URI.create(probe.issuer(realm) + "/.well-known/openid-configuration"))
                    == 200);
            if (pending.isEmpty()) {
                break;
            }
            if (!handle.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start-up:\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                ProcessTrees.stop(handle);
                throw new IllegalStateException("Keycloak not ready after " + READY_TIMEOUT.toSeconds() + " s:\n"
                        + logTail());
            }
            Thread.sleep(500);
        }
    }

    private String logTail() throws IOException {
        var lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private void stop() throws IOException {
        if (!Files.exists(pidFile())) {
            return;
        }
        var pid = Long.parseLong(Files.readString(pidFile(), StandardCharsets.US_ASCII).strip());
        // only if that PID still is our Keycloak (kc.sh or its Java process), not a process that reused the number
        ProcessHandle.of(pid)
                .filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false))
                .ifPresent(ProcessTrees::stop);
        Files.delete(pidFile());
        System.out.println("Keycloak stopped");
    }

    private void run() throws Exception {
        var handle = start();
        System.out.printf("%nKeycloak is up: http://127.0.0.1:%d (admin console: admin / admin)%n"
                + "  demo realm issuer: http://127.0.0.1:%d/realms/demo%n"
                + "  users alice/alice (user, staff; client role orders-clerk), bob/bob (user, admin)%n"
                + "  client demo-cli / demo-cli-secret (client credentials and password grant)%n"
                + "  client demo-light-cli / demo-light-cli-secret (the same, lightweight access tokens)%n"
                + "  the resource server bearer-guard-demo / bearer-guard-demo-secret introspects them%n"
                + "Ctrl-C stops it.%n", port, port);
        handle.onExit().join();
    }
}
