package org.bearerguard.internal.authorize;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which granted scope meets which required one ({@code bearer.scope-implications}): itself always; with rules,
 * also every scope a granted one implies, chained, where an implied {@code orders:*} covers every scope that starts
 * with {@code orders:}. Chained once at deployment, so a check is a lookup per granted scope.
 *
 * <p>Only for checking requirements: a principal's scopes, {@code scopes_supported} and challenges stay exact.
 */
public final class ScopeHierarchy {

    /** No rules: a required scope is met only by itself. */
    public static final ScopeHierarchy EXACT = new ScopeHierarchy(Map.of(), Map.of());

    /** Granted scope → every exact scope it implies, chained. */
    private final Map<String, Set<String>> exact;
    /** Granted scope → every prefix it implies (from an implied {@code prefix*}), chained. */
    private final Map<String, List<String>> prefixes;

    private ScopeHierarchy(Map<String, Set<String>> exact, Map<String, List<String>> prefixes) {
        this.exact = exact;
        this.prefixes = prefixes;
    }

    /**
     * The hierarchy of these rules (granted → implied as written). An implied prefix also reaches the rules of
     * every granted scope it covers: {@code admin -> orders:*; orders:write -> audit:read} lets {@code admin} meet
     * {@code audit:read}.
     */
    public static ScopeHierarchy of(Map<String, List<String>> rules) {
        if (rules.isEmpty()) {
            return EXACT;
        }
        var exact = new HashMap<String, Set<String>>();
        var prefixes = new HashMap<String, List<String>>();
        for (var granted : rules.keySet()) {
            var scopes = new LinkedHashSet<String>();
            var covered = new LinkedHashSet<String>();
            var reached = new LinkedHashSet<String>(List.of(granted));
            var queue = new ArrayDeque<String>(List.of(granted));
            while (!queue.isEmpty()) {
                for (var implied : rules.getOrDefault(queue.poll(), List.of())) {
                    if (implied.endsWith("*")) {
                        var prefix = implied.substring(0, implied.length() - 1);
                        covered.add(prefix);
                        rules.keySet().stream().filter(k -> k.startsWith(prefix) && reached.add(k))
                                .forEach(queue::add);
                    } else {
                        scopes.add(implied);
                        if (reached.add(implied)) {
                            queue.add(implied);
                        }
                    }
                }
            }
            exact.put(granted, Set.copyOf(scopes));
            prefixes.put(granted, List.copyOf(covered));
        }
        return new ScopeHierarchy(Map.copyOf(exact), Map.copyOf(prefixes));
    }

    /** Whether these granted scopes meet the required one. */
    public boolean grants(Set<String> granted, String required) {
        if (granted.contains(required)) {
            return true;
        }
        if (exact.isEmpty()) {
            return false;
        }
        for (var scope : granted) {
            var implied = exact.get(scope);
            if (implied == null) {
                continue;
            }
            if (implied.contains(required)) {
                return true;
            }
            for (var prefix : prefixes.get(scope)) {
                if (required.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether they meet every required one. */
    public boolean grantsAll(Set<String> granted, List<String> required) {
        for (var scope : required) {
            if (!grants(granted, scope)) {
                return false;
            }
        }
        return true;
    }
}
