package org.bearerguard.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bearerguard.demo.mcp.McpEndpoint;
import org.bearerguard.it.app.GuardedResource;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testkit.TestIssuer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds the WARs the integration tests deploy: the real library jar and its bundled dependencies, as a user would. */
public final class Deployments {

    static final String PAYARA_WEB_XML =
            "<payara-web-app><jaxrs-roles-allowed-enabled>false</jaxrs-roles-allowed-enabled></payara-web-app>";

    private Deployments() {
    }

    /**
     * {@link #guardedApp(String, String)} configured for the issuer {@code issuer} serves, audience {@code api}, then
     * {@code properties}, one {@code key=value} each.
     */
    public static WebArchive guardedApp(String name, JwksServer issuer, String... properties) {
        return guardedApp(name, mpConfig(issuer.issuer(), properties));
    }

    /** {@link #guardedApp(String, String)} configured by the test kit's issuer ({@link TestIssuer#config()}), then {@code properties}. */
    public static WebArchive guardedApp(String name, TestIssuer issuer, String... properties) {
        return guardedApp(name, mpConfig(issuer, properties));
    }

    /** {@link TestIssuer#config()} and then {@code properties}, one {@code key=value} each. */
    static String mpConfig(TestIssuer issuer, String... properties) {
        var lines = new ArrayList<String>();
        issuer.config().forEach((key, value) -> lines.add(key + "=" + value));
        lines.addAll(List.of(properties));
        return String.join("\n", lines) + "\n";
    }

    /** The {@code microprofile-config.properties} of {@link #guardedApp(String, JwksServer, String...)}. */
    static String mpConfig(String issuer, String... properties) {
        var lines = new ArrayList<String>();
        lines.add("bearer.issuer=" + issuer);
        lines.add("bearer.audience=api");
        lines.addAll(List.of(properties));
        return String.join("\n", lines) + "\n";
    }

    public static WebArchive guardedApp(String name, String mpConfig) {
        // Payara otherwise enforces @RolesAllowed itself, against the container's caller (README: Payara)
        return app(name, mpConfig).addAsWebInfResource(new StringAsset(PAYARA_WEB_XML), "payara-web.xml");
    }

    /**
     * The guarded application with {@code bearer.jakarta-security=on} and the beans of
     * {@code org.bearerguard.it.container}, without any server descriptor: the container knows the caller.
     */
    public static WebArchive containerApp(String name, TestIssuer issuer, String... properties) {
        var all = new ArrayList<>(List.of(properties));
        all.add("bearer.jakarta-security=on");
        return app(name, mpConfig(issuer, all.toArray(String[]::new)))
                .addPackage(org.bearerguard.it.container.ContainerCaller.class.getPackage());
    }

    /**
     * The guarded application with the signature providers an application would add for the fast path, in its
     * WEB-INF/lib ({@code it.crypto.libs}: ACCP for linux-x86_64 and BouncyCastle), and a probe that shows the choice.
     */
    public static WebArchive fastSignaturesApp(String name, TestIssuer issuer, String... properties) {
        var war = guardedApp(name, issuer, properties).addPackage(org.bearerguard.it.crypto.SignatureProbe.class.getPackage());
        jars(System.getProperty("it.crypto.libs")).forEach(jar -> war.addAsLibrary(jar.toFile()));
        return war;
    }

    private static WebArchive app(String name, String mpConfig) {
        var war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(GuardedResource.class.getPackage())
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .addAsResource(new StringAsset(mpConfig), "META-INF/microprofile-config.properties")
                .addAsLibrary(new File(System.getProperty("it.library.jar")));
        jars(System.getProperty("it.libs")).forEach(jar -> war.addAsLibrary(jar.toFile()));
        return war;
    }

    /**
     * The demo's MCP server as the demo WAR carries it: the classes of {@code org.bearerguard.demo.mcp}, the demo's
     * {@code web.xml} and {@code payara-web.xml}, the library with its bundled dependencies, and the MCP Java SDK
     * with what it needs ({@code it.mcp.libs}; where both hold a jar of one artifact, such as slf4j-api, the SDK's
     * version), configured by {@code mpConfig}.
     */
    public static WebArchive mcpApp(String name, String mpConfig) {
        var webInf = Path.of("src/demo/webapp/WEB-INF");
        var war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(McpEndpoint.class.getPackage())
                .setWebXML(webInf.resolve("web.xml").toFile())
                .addAsWebInfResource(webInf.resolve("payara-web.xml").toFile(), "payara-web.xml")
                .addAsResource(new StringAsset(mpConfig), "META-INF/microprofile-config.properties")
                .addAsLibrary(new File(System.getProperty("it.library.jar")));
        var sdk = jars(System.getProperty("it.mcp.libs"));
        var sdkArtifacts = sdk.stream().map(Deployments::artifact).toList();
        jars(System.getProperty("it.libs")).stream().filter(jar -> !sdkArtifacts.contains(artifact(jar)))
                .forEach(jar -> war.addAsLibrary(jar.toFile()));
        sdk.forEach(jar -> war.addAsLibrary(jar.toFile()));
        return war;
    }

    private static List<Path> jars(String dir) {
        try (var files = Files.list(Path.of(dir))) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code slf4j-api-2.0.16.jar} → {@code slf4j-api}. */
    private static String artifact(Path jar) {
        return jar.getFileName().toString().replaceFirst("-\\d.*$", "");
    }
}
