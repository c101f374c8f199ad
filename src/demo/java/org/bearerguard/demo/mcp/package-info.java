/**
 * The demo's MCP server: two tools on the MCP Java SDK's Streamable HTTP servlet transport at {@code /mcp}. It checks
 * no token itself: bearer-guard's servlet filter guards {@code /mcp} by configuration alone, and the tools read the
 * caller it verified.
 */
package org.bearerguard.demo.mcp;
