package org.bearerguard.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tool a JSON-RPC message calls; a body the strict parser cannot read is never taken for "no tool call". */
class McpToolCallTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whenAMessageCallsAToolThenItsNameIsRead() throws Exception {
        assertThat(McpToolCall.tool(utf8("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_orders\",\"arguments\":{\"status\":\"open\"}}}"))).hasValue("list_orders");
    }

    @Test
    void whenAMessageIsAnythingElseThenNoToolIsCalled() throws Exception {
        assertThat(McpToolCall.tool(utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")))
                .isEmpty();
        assertThat(McpToolCall.tool(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")))
                .isEmpty();
        assertThat(McpToolCall.tool(utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"))).isEmpty();
    }

    @Test
    void whenABodyCouldHideAToolCallFromTheStrictParserThenItIsUnreadable() {
        for (var body : List.of(
                "{\"method\":\"initialize\",\"method\":\"tools/call\",\"params\":{\"name\":\"list_orders\"}}",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_orders\"}}]",
                "{\"method\":\"tools/call\",\"params\":{\"name\":7}}",
                "{\"method\":\"tools/call\"}",
                "{\"method\":\"tools/call\",\"params\":{\"name\":\"list_orders\"}} trailing",
                "not json", "")) {
            assertThatThrownBy(() -> McpToolCall.tool(utf8(body))).as(body)
                    .isInstanceOf(McpToolCall.Unreadable.class);
        }
        assertThatThrownBy(() -> McpToolCall.tool(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'}))
                .as("overlong UTF-8").isInstanceOf(McpToolCall.Unreadable.class);
    }
}
