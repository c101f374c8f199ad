package org.bearerguard.internal.metadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bearerguard.internal.config.BearerConfig;

/**
 * The application's protected resources (RFC 9728 §1.2): {@code bearer.resource} for the context root, and one more
 * for each of {@code bearer.resource.paths}. A path below the context root belongs to the longest resource path it
 * is at or below, else to the context root's resource.
 *
 * <p>Metadata lives within the context root, a WAR owning no more of the host: at
 * {@code <context root>/.well-known/oauth-protected-resource} plus the resource's path, which is RFC 9728 §3.1's
 * own location when the context root is {@code /}.
 */
public final class ProtectedResources {

    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    /** Off: no resource configured. */
    public static final ProtectedResources NONE = new ProtectedResources(List.of());

    /**
     * One protected resource.
     *
     * @param identifier  its resource identifier, compared exactly (RFC 9728 §3.3) and required in {@code aud}
     * @param path        below the context root; empty for the context root's own
     * @param metadataUrl where its metadata is, as clients address it
     */
    public record Resource(String identifier, String path, String metadataUrl) {
    }

    /** Longest path first, the context root's resource last. */
    private final List<Resource> resources;

    private ProtectedResources(List<Resource> resources) {
        this.resources = resources;
    }

    public static ProtectedResources of(Optional<BearerConfig.ResourceSettings> settings) {
        if (settings.isEmpty()) {
            return NONE;
        }
        var base = settings.get().identifier();
        var all = new ArrayList<Resource>();
        all.add(new Resource(base, "", base + WELL_KNOWN));
        for (var path : settings.get().paths()) {
            all.add(new Resource(base + path, path, base + WELL_KNOWN + path));
        }
        all.sort(Comparator.comparingInt((Resource r) -> r.path().length()).reversed());
        return new ProtectedResources(List.copyOf(all));
    }

    public boolean enabled() {
        return !resources.isEmpty();
    }

    /** Every resource, the longest path first. */
    public List<Resource> all() {
        return resources;
    }

    /** The resource a path below the context root belongs to; empty when metadata is off. */
    public Optional<Resource> forPath(String path) {
        for (var r : resources) {
            if (r.path().isEmpty() || path.equals(r.path()) || path.startsWith(r.path() + "/")) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Every resource a method whose paths all lie at or below {@code prefix} may serve: the one {@code prefix}
     * belongs to, and each resource path below it. One resource: the method's placement is fixed.
     */
    public List<Resource> reachableBelow(String prefix) {
        var reachable = new ArrayList<Resource>();
        forPath(prefix).ifPresent(reachable::add);
        for (var r : resources) {
            if (!r.path().isEmpty() && r.path().startsWith(prefix + "/") && !reachable.contains(r)) {
                reachable.add(r);
            }
        }
        return List.copyOf(reachable);
    }

    /** The resource whose metadata is at {@link #WELL_KNOWN} followed by {@code suffix} ("" or "/mcp"). */
    public Optional<Resource> byMetadataSuffix(String suffix) {
        return resources.stream().filter(r -> r.path().equals(suffix)).findFirst();
    }
}
