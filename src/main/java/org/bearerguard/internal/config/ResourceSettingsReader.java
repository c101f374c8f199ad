package org.bearerguard.internal.config;

import static org.bearerguard.internal.config.Property.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of the protected resource ({@code bearer.resource*}, RFC 9728), the scope hierarchy
 * ({@code bearer.scope-implications}) and the servlet filter ({@code bearer.servlet.*}): the same for every issuer.
 * Every error names the property it is about.
 */
final class ResourceSettingsReader {

    /** RFC 6750 §3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    /** A path below the context root: segments of RFC 3986 pchar without percent-encoding, none empty, "." or "..". */
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()+,=:@-]+)+");
    /** An MCP tool name (MCP 2025-11-25: 1–128 of A-Z a-z 0-9 _ - .). */
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private ResourceSettingsReader() {
    }

    static Optional<BearerConfig.ResourceSettings> resource(PropertyValues v) {
        var identifier = v.optional(RESOURCE);
        if (identifier.isEmpty()) {
            for (var p : List.of(RESOURCE_PATHS, RESOURCE_SCOPES, RESOURCE_NAME, RESOURCE_DOCUMENTATION)) {
                if (v.optional(p).isPresent()) {
                    throw new BearerConfigException(p.key() + " needs " + RESOURCE.key()
                            + ": the resource identifier it belongs to");
                }
            }
            return Optional.empty();
        }
        var id = identifier.get();
        var uri = ConfigReader.uri(RESOURCE.key(), id);
        if (ConfigReader.mayHoldCredentials(uri) || !FetchableUrls.allows(uri) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || id.endsWith("/")) {
            // never echoed with user info: it may hold a password
            throw new BearerConfigException(RESOURCE.key() + " must be an https URL (http only for loopback hosts)"
                    + " without user info, query, fragment or trailing slash: the application's context root as"
                    + " clients address it" + (ConfigReader.mayHoldCredentials(uri) ? "" : " (got " + id + ")"));
        }
        var paths = new ArrayList<String>();
        for (var path : v.optional(RESOURCE_PATHS).map(ConfigReader::list).orElse(List.of())) {
            if (!PATH.matcher(path).matches() || path.startsWith("/.well-known")
                    || List.of(path.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
                throw v.invalid(RESOURCE_PATHS, "paths such as /mcp: a slash before every segment, none empty,"
                        + " '.' or '..', no trailing slash, no percent-encoding, not under /.well-known (got '"
                        + path + "')");
            }
            if (paths.contains(path)) {
                throw v.invalid(RESOURCE_PATHS, "each path once (got '" + path + "' twice)");
            }
            paths.add(path);
        }
        var documentation = v.optional(RESOURCE_DOCUMENTATION);
        if (documentation.isPresent()) {
            var doc = ConfigReader.uri(RESOURCE_DOCUMENTATION.key(), documentation.get());
            if (doc.getRawUserInfo() != null || !FetchableUrls.allows(doc)) {
                throw v.invalid(RESOURCE_DOCUMENTATION, "an https URL");
            }
        }
        var name = v.optional(RESOURCE_NAME);
        if (name.isPresent() && name.get().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw v.invalid(RESOURCE_NAME, "text without control characters");
        }
        return Optional.of(new BearerConfig.ResourceSettings(id, List.copyOf(paths), scopes(v, RESOURCE_SCOPES),
                name, documentation));
    }

    /** {@code bearer.scope-implications}: {@code granted -> implied …; …}, as written (the hierarchy chains them). */
    static Map<String, List<String>> scopeImplications(PropertyValues v) {
        return rules(v, SCOPE_IMPLICATIONS, SCOPE_TOKEN, "a granted scope");
    }

    static BearerConfig.ServletSettings servlet(PropertyValues v) {
        var paths = new ArrayList<String>();
        for (var path : v.optional(SERVLET_PATHS).map(ConfigReader::list).orElse(List.of())) {
            var exact = path.endsWith("/*") ? path.substring(0, path.length() - 2) : path;
            if (!PATH.matcher(exact).matches()
                    || List.of(exact.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
                throw v.invalid(SERVLET_PATHS, "servlet paths such as /mcp or /mcp/* (got '" + path + "')");
            }
            paths.add(path);
        }
        var scopes = scopes(v, SERVLET_SCOPES);
        var tools = rules(v, SERVLET_MCP_TOOL_SCOPES, TOOL, "an MCP tool name");
        if (paths.isEmpty() && (!scopes.isEmpty() || !tools.isEmpty())) {
            throw new BearerConfigException((scopes.isEmpty() ? SERVLET_MCP_TOOL_SCOPES : SERVLET_SCOPES).key()
                    + " needs " + SERVLET_PATHS.key() + ": the paths it applies to");
        }
        return new BearerConfig.ServletSettings(List.copyOf(paths), scopes, tools, v.number(SERVLET_MAX_BODY_BYTES));
    }

    private static List<String> scopes(PropertyValues v, Property p) {
        var scopes = new LinkedHashSet<String>();
        for (var scope : v.optional(p).map(ConfigReader::list).orElse(List.of())) {
            if (!SCOPE_TOKEN.matcher(scope).matches()) {
                throw v.invalid(p, "scopes of printable ASCII without space, '\"' or '\\' (RFC 6750 §3)");
            }
            scopes.add(scope);
        }
        return List.copyOf(scopes);
    }

    /** {@code key -> scope scope; key -> scope}: each key once, each scope a scope token. */
    private static Map<String, List<String>> rules(PropertyValues v, Property p, Pattern keys, String keyIs) {
        var rules = new LinkedHashMap<String, List<String>>();
        var value = v.optional(p);
        if (value.isEmpty()) {
            return Map.of();
        }
        var seen = new HashSet<String>();
        for (var rule : value.get().split(";")) {
            if (rule.isBlank()) {
                continue;
            }
            var arrow = rule.indexOf("->");
            var key = arrow < 0 ? "" : rule.substring(0, arrow).trim();
            var implied = arrow < 0 ? List.<String>of()
                    : List.of(rule.substring(arrow + 2).trim().split("\\s+")).stream().filter(s -> !s.isEmpty())
                    .toList();
            if (!keys.matcher(key).matches() || implied.isEmpty()
                    || implied.stream().anyMatch(s -> !SCOPE_TOKEN.matcher(s).matches())) {
                throw v.invalid(p, "';'-separated rules of the form 'left -> scope scope', the left side "
                        + keyIs + " (got '" + rule.trim() + "')");
            }
            if (!seen.add(key)) {
                throw v.invalid(p, "each left side once (got '" + key + "' twice)");
            }
            rules.put(key, List.copyOf(implied));
        }
        return Map.copyOf(rules);
    }
}
