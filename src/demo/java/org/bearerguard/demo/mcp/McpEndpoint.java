package org.bearerguard.demo.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the demo's MCP server with the web application and registers the SDK's Streamable HTTP transport, which is
 * itself a servlet, at {@link #PATH}. Nothing here is about tokens: {@code bearer.servlet.paths=/mcp} puts
 * bearer-guard's servlet filter in front of it, {@code bearer.servlet.mcp-tool-scopes} decides which tool needs which
 * scope, and {@link DemoTools} reads the caller the filter verified.
 */
@WebListener
public class McpEndpoint implements ServletContextListener {

    /** Where the transport answers, below the context root; the transport checks that the request URI ends so. */
    public static final String PATH = "/mcp";

    private McpSyncServer server;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        // named, not found by ServiceLoader: the SDK would take whichever JSON module its lookup meets first
        McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        var transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(PATH)
                // on the servlet thread, for every POST, GET and DELETE: the tools run on Reactor threads later
                .contextExtractor(DemoTools::callerOf)
                // a ping every 10 s ends the SSE stream of a client that went away (the SDK sets no async timeout;
                // its default interval is 30 min, which holds up a server's stop)
                .keepAliveInterval(Duration.ofSeconds(10))
                // the idle-session sweeper runs on a thread of its own that nothing disposes on undeploy
                .sessionSweepInterval(null)
                .build();
        server = McpServer.sync(transport)
                .serverInfo("bearer-guard-demo", "1.0")
                .jsonMapper(json)
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(DemoTools.whoami(json), DemoTools.listOrders(json))
                .build();
        var registration = event.getServletContext().addServlet("mcp", transport);
        registration.setAsyncSupported(true); // the transport answers every request asynchronously (SSE)
        registration.addMapping(PATH);
        registration.setLoadOnStartup(1);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (server != null) {
            server.closeGracefully();
        }
        // Reactor's shared schedulers run the tool calls and pings; their threads would outlive the application.
        // Only when reactor-core is this application's own copy (WEB-INF/lib), never a copy the server shares.
        if (Schedulers.class.getClassLoader() == McpEndpoint.class.getClassLoader()) {
            Schedulers.shutdownNow();
        }
    }
}
