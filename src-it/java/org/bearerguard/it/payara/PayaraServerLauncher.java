package org.bearerguard.it.payara;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.bearerguard.it.ProcessTrees;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Starts and stops the Payara Server (full server) that Maven unpacked under {@code target/}, for the
 * {@code it-payara-server} integration tests, which reach it through Arquillian's remote adapter. Run by
 * exec-maven-plugin:
 *
 * <ul>
 *   <li>{@code start}: before the integration tests. A fresh domain, copied from the distribution's pristine
 *       {@code domain1} (every build begins from it: nothing deployed, nothing changed by an earlier run), its
 *       listeners moved to the reserved ports on 127.0.0.1, HTTPS with the build's test certificates asking for a
 *       client certificate ({@code client-auth=want}), and every listener that would bind a fixed port on all
 *       interfaces switched off (IIOP, JMX, JMS, the Hazelcast data grid: the tests use none of them); then
 *       {@code asadmin start-domain}, which returns once the DAS answers. A domain left running by an aborted build
 *       is killed first (its PID file), so it never blocks a re-run.</li>
 *   <li>{@code stop}: after the integration tests, also when they failed: SIGTERM to the server (it shuts down
 *       cleanly), SIGKILL after 30 s.</li>
 * </ul>
 *
 * <p>Arguments: {@code <start|stop> <installation (payara6)> <domains dir> <domain name> <admin port> <http port>
 * <https port> <tls dir>}.
 */
public final class PayaraServerLauncher {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.getLong("payara.server.startTimeoutSeconds", 300));

    private final Path install;
    private final Path domains;
    private final String name;
    private final int adminPort;
    private final int httpPort;
    private final int httpsPort;
    private final Path tls;

    private PayaraServerLauncher(String[] args) {
        install = Path.of(args[1]);
        domains = Path.of(args[2]);
        name = args[3];
        adminPort = Integer.parseInt(args[4]);
        httpPort = Integer.parseInt(args[5]);
        httpsPort = Integer.parseInt(args[6]);
        tls = Path.of(args[7]);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            throw new IllegalArgumentException("usage: <start|stop> <installation> <domains dir> <domain> "
                    + "<admin port> <http port> <https port> <tls dir>, got " + List.of(args));
        }
        var launcher = new PayaraServerLauncher(args);
        switch (args[0]) {
            case "start" -> launcher.start();
            case "stop" -> launcher.stop();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private Path domain() {
        return domains.resolve(name);
    }

    private Path log() {
        return domains.resolve(name + "-asadmin.log");
    }

    private void start() throws Exception {
        stop(); // a domain left by an aborted build
        delete(domain());
        copy(install.resolve("glassfish/domains/domain1"), domain());
        configure(domain().resolve("config/domain.xml"));
        var started = Instant.now();
        var builder = new ProcessBuilder("bash", install.resolve("bin/asadmin").toString(), "start-domain",
                "--domaindir", domains.toString(), name)
                .redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        var asadmin = builder.start();
        if (!asadmin.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            ProcessTrees.stop(asadmin.toHandle());
            stop();
            throw new IllegalStateException("Payara Server not started after " + START_TIMEOUT.toSeconds() + " s:\n"
                    + Files.readString(log()) + serverLogTail());
        }
        if (asadmin.exitValue() != 0) {
            stop();
            throw new IllegalStateException("asadmin start-domain failed:\n" + Files.readString(log())
                    + serverLogTail());
        }
        var pid = pid();
        if (pid == null) {
            throw new IllegalStateException("Payara Server wrote no PID file: " + pidFile());
        }
        watchdog(ProcessHandle.current().pid(), pid);
        System.out.printf("Payara Server ready after %d s: admin http://127.0.0.1:%d, http %d, https %d (log: %s)%n",
                Duration.between(started, Instant.now()).toSeconds(), adminPort, httpPort, httpsPort,
                domain().resolve("logs/server.log"));
    }

    /** The listeners on the reserved ports, on loopback only; nothing else listening; the test certificates. */
    private void configure(Path domainXml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        var document = factory.newDocumentBuilder().parse(domainXml.toFile());
        var config = "/domain/configs/config[@name='server-config']";
        listener(document, config, "http-listener-1", httpPort);
        listener(document, config, "http-listener-2", httpsPort);
        listener(document, config, "admin-listener", adminPort);
        // the HTTPS listener: the server certificate of TestCertificates (alias server), and a client certificate
        // asked for, never required (CertificateBoundIT, McpIT); the JVM's key and trust stores are that file too
        var ssl = element(document, config + "/network-config/protocols/protocol[@name='http-listener-2']/ssl");
        ssl.setAttribute("cert-nickname", "server");
        ssl.setAttribute("client-auth", "want");
        // listeners on fixed ports of every interface, unused by the tests: off (IIOP is lazy anyway)
        for (var iiop : elements(document, config + "/iiop-service/iiop-listener")) {
            iiop.setAttribute("enabled", "false");
        }
        element(document, config + "/admin-service/jmx-connector").setAttribute("enabled", "false");
        element(document, config + "/hazelcast-config-specific-configuration").setAttribute("enabled", "false");
        // without a jms-service element the server still binds its lazy JMS port (7676) on every interface
        var jms = document.createElement("jms-service");
        jms.setAttribute("type", "DISABLED");
        jms.setAttribute("default-jms-host", "default_JMS_host");
        var jmsHost = document.createElement("jms-host");
        jmsHost.setAttribute("name", "default_JMS_host");
        jmsHost.setAttribute("host", "127.0.0.1");
        jmsHost.setAttribute("port", "${JMS_PROVIDER_PORT}");
        jms.appendChild(jmsHost);
        element(document, config).insertBefore(jms, element(document, config + "/admin-service").getNextSibling());
        var store = tls.resolve("server.p12").toString();
        var javaConfig = element(document, config + "/java-config");
        for (var option : elements(document, config + "/java-config/jvm-options")) {
            var value = option.getTextContent();
            if (value.startsWith("-Djavax.net.ssl.keyStore=")) {
                option.setTextContent("-Djavax.net.ssl.keyStore=" + store);
            } else if (value.startsWith("-Djavax.net.ssl.trustStore=")) {
                option.setTextContent("-Djavax.net.ssl.trustStore=" + store);
            }
        }
        for (var option : List.of("-Djavax.net.ssl.keyStorePassword=changeit",
                "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djava.io.tmpdir=" + domains.toAbsolutePath().getParent())) {
            var element = document.createElement("jvm-options");
            element.setTextContent(option);
            javaConfig.appendChild(element);
        }
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(document), new StreamResult(domainXml.toFile()));
    }

    private static void listener(Document document, String config, String name, int port) throws Exception {
        var listener = element(document, config + "/network-config/network-listeners/network-listener[@name='"
                + name + "']");
        listener.setAttribute("port", Integer.toString(port));
        listener.setAttribute("address", "127.0.0.1");
    }

    private static Element element(Document document, String path) throws Exception {
        var found = elements(document, path);
        if (found.size() != 1) {
            throw new IllegalStateException("domain.xml: expected one " + path + ", found " + found.size());
        }
        return found.get(0);
    }

    private static List<Element> elements(Document document, String path) throws Exception {
        var nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, document, XPathConstants.NODESET);
        var found = new java.util.ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private Path pidFile() {
        return domain().resolve("config/pid");
    }

    private Long pid() throws IOException {
        return Files.exists(pidFile())
                ? Long.valueOf(Files.readString(pidFile(), StandardCharsets.US_ASCII).strip()) : null;
    }

    private void stop() throws IOException {
        var pid = pid();
        if (pid == null) {
            return;
        }
        // only if that PID still is our server (its command line names the domain), not a process that reused it
        ProcessHandle.of(pid)
                .filter(p -> p.info().commandLine().map(c -> c.contains(domain().toString())).orElse(false))
                .ifPresent(p -> {
                    ProcessTrees.stop(p);
                    System.out.println("Payara Server stopped");
                });
        Files.deleteIfExists(pidFile()); // the server removes it when it stops
    }

    /** Stops the server (TERM, then KILL after 30 s) if Maven is gone before the stop step; ends with the server. */
    private static void watchdog(long mavenPid, long serverPid) throws IOException {
        var m = Long.toString(mavenPid);
        var s = Long.toString(serverPid);
        var script = "while kill -0 " + m + " 2>/dev/null && kill -0 " + s + " 2>/dev/null; do sleep 2; done;"
                + " kill -0 " + s + " 2>/dev/null || exit 0; kill " + s + ";"
                + " for i in $(seq 15); do kill -0 " + s + " 2>/dev/null || exit 0; sleep 2; done; kill -9 " + s;
        new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private String serverLogTail() throws IOException {
        var log = domain().resolve("logs/server.log");
        if (!Files.exists(log)) {
            return "";
        }
        var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
