package org.bearerguard.demo.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bearerguard.BearerPrincipal;

/**
 * The demo's two MCP tools. Each reads the caller that bearer-guard verified: its servlet filter makes the
 * {@link BearerPrincipal} the request's {@code getUserPrincipal()}; {@link #callerOf} copies it into the MCP
 * transport context, where a tool finds it through its exchange. Which tool needs which scope is configuration
 * ({@code bearer.servlet.mcp-tool-scopes=list_orders -> orders:read}): a call without it never reaches the tool.
 */
final class DemoTools {

    /** The caller's key in the transport context. */
    static final String CALLER = "caller";

    private static final String NO_ARGUMENTS = """
            {"type": "object", "properties": {}, "additionalProperties": false}
            """;

    private DemoTools() {
    }

    /**
     * The transport context of one HTTP request: its verified caller. A request without one never gets here on a
     * guarded path; {@code McpTransportContext.create} refuses null values, so it gets the empty context.
     */
    static McpTransportContext callerOf(HttpServletRequest request) {
        return request.getUserPrincipal() instanceof BearerPrincipal caller
                ? McpTransportContext.create(Map.of(CALLER, caller)) : McpTransportContext.EMPTY;
    }

    /** {@code whoami}: the caller's name, subject and scopes. */
    static SyncToolSpecification whoami(McpJsonMapper json) {
        var tool = Tool.builder("whoami", json, NO_ARGUMENTS)
                .description("Who the access token says the caller is: name, subject and scopes").build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            var caller = caller(exchange);
            var subject = caller.getSubject() == null ? "" : caller.getSubject();
            return result(json, ordered("name", caller.getName(), "subject", subject,
                    "scopes", List.copyOf(new TreeSet<>(caller.getScopes()))));
        }).build();
    }

    /** {@code list_orders}: a few fixed orders of the caller; bearer-guard lets it be called with orders:read only. */
    static SyncToolSpecification listOrders(McpJsonMapper json) {
        var tool = Tool.builder("list_orders", json, NO_ARGUMENTS)
                .description("The caller's orders (needs the scope orders:read)").build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            var owner = caller(exchange).getName();
            var orders = List.of(
                    ordered("id", "A-1001", "owner", owner, "item", "tea, 250 g", "total", "7.50 EUR"),
                    ordered("id", "A-1002", "owner", owner, "item", "teapot", "total", "32.00 EUR"));
            return result(json, ordered("orders", orders));
        }).build();
    }

    private static BearerPrincipal caller(McpSyncServerExchange exchange) {
        if (exchange.transportContext().get(CALLER) instanceof BearerPrincipal caller) {
            return caller;
        }
        // bearer.servlet.paths does not cover the transport's path: refuse rather than answer for nobody
        throw new IllegalStateException("no verified caller: is " + McpEndpoint.PATH + " in bearer.servlet.paths?");
    }

    /** A map that keeps the order of its keys, so the JSON text reads the same every time. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The same value as JSON text (for a model to read) and as structured content (for a program). */
    private static CallToolResult result(McpJsonMapper json, Map<String, Object> value) {
        try {
            return CallToolResult.builder().addTextContent(json.writeValueAsString(value)).structuredContent(value)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
