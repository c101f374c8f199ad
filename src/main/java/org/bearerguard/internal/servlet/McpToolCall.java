package org.bearerguard.internal.servlet;

import java.util.Map;
import java.util.Optional;
import org.bearerguard.internal.json.JsonException;
import org.bearerguard.internal.json.JsonReader;

/**
 * Which MCP tool a JSON-RPC request calls (MCP 2025-11-25: {@code {"jsonrpc":"2.0","method":"tools/call",
 * "params":{"name":…}}}), read with the strict parser: a body it cannot read is never passed on as "no tool call",
 * since a laxer parser behind it (duplicate members, say) might read a tool call into it.
 */
final class McpToolCall {

    /** Members one message may have in all its objects together: a tool call's arguments fit easily. */
    private static final int MAX_MEMBERS = 10_000;

    private McpToolCall() {
    }

    /** A body that is not one JSON-RPC message we can read. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable() {
            super(null, null, false, false);
        }
    }

    /**
     * The tool a message calls, empty for any other message.
     *
     * @throws Unreadable not one JSON object of UTF-8 (batches included), or a {@code tools/call} without a string
     *                    {@code params.name}
     */
    static Optional<String> tool(byte[] body) throws Unreadable {
        Map<String, Object> message;
        try {
            message = JsonReader.readObject(body, MAX_MEMBERS);
        } catch (JsonException e) {
            throw new Unreadable();
        }
        if (!"tools/call".equals(message.get("method"))) {
            return Optional.empty();
        }
        if (message.get("params") instanceof Map<?, ?> params && params.get("name") instanceof String name) {
            return Optional.of(name);
        }
        throw new Unreadable();
    }
}
