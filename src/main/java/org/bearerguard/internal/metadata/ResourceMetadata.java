package org.bearerguard.internal.metadata;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bearerguard.DpopMode;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.authorize.ResourceRules;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.json.JsonWriter;

/**
 * The protected resource metadata documents (RFC 9728 §2), one per resource, built once from the configuration and
 * the {@code @BearerProtected} annotations of the application's resource classes (and the servlet filter's
 * settings): what each resource requires is what its document says.
 *
 * <p>Members, in this order: {@code resource}; {@code authorization_servers}, the configured issuers whose tokens
 * the resource's methods accept; {@code scopes_supported}, sorted, every scope they require plus
 * {@code bearer.resource.scopes} (left out when none); {@code bearer_methods_supported} {@code ["header"]};
 * {@code resource_name} and {@code resource_documentation} when configured;
 * {@code dpop_signing_alg_values_supported} when a DPoP-bound token can be taken there, and
 * {@code dpop_bound_access_tokens_required} when nothing else can.
 */
public final class ResourceMetadata {

    private ResourceMetadata() {
    }

    /**
     * What one resource method or servlet path requires, placed below the context root.
     *
     * @param path        below the context root; null when unknown (the context root's resource then)
     * @param requirement what it requires
     */
    record Guarded(String path, Requirement requirement) {
    }

    /** By metadata suffix ("" for the context root, "/mcp"): the document. */
    public static Map<String, String> documents(BearerConfig config, ProtectedResources resources,
                                                Collection<Class<?>> resourceClasses, List<String> dpopAlgorithms) {
        var guarded = guarded(config, resourceClasses);
        var documents = new HashMap<String, String>();
        for (var resource : resources.all()) {
            var mine = guarded.stream().filter(g -> reachable(resources, g).contains(resource))
                    .map(Guarded::requirement).toList();
            documents.put(resource.path(), document(config, resource, mine, dpopAlgorithms));
        }
        return Map.copyOf(documents);
    }

    /**
     * The resources a method or servlet path may serve: a template above a resource path may reach it, so its
     * requirement is listed there too (the request decides, {@code filter.ResourcePlacement}).
     */
    private static List<ProtectedResources.Resource> reachable(ProtectedResources resources, Guarded g) {
        return g.path() == null ? resources.forPath("").stream().toList()
                : resources.reachableBelow(JaxRsPaths.literalPrefix(g.path()));
    }

    private static List<Guarded> guarded(BearerConfig config, Collection<Class<?>> resourceClasses) {
        var guarded = new ArrayList<Guarded>();
        for (var type : resourceClasses) {
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (var method : type.getMethods()) {
                if (method.isBridge() || method.isSynthetic() || method.getDeclaringClass() == Object.class
                        || JaxRsPaths.declarations(type, method).stream().noneMatch(JaxRsPaths::isResourceMethod)) {
                    continue;
                }
                ResourceRules.of(type, method).ifPresent(r -> guarded.add(
                        new Guarded(JaxRsPaths.of(type, method).orElse(null), r)));
            }
        }
        var servlet = config.servlet();
        var scopes = new LinkedHashSet<>(servlet.scopes());
        servlet.toolScopes().values().forEach(scopes::addAll);
        for (var path : servlet.paths()) {
            var exact = path.endsWith("/*") ? path.substring(0, path.length() - 2) : path;
            guarded.add(new Guarded(exact, Requirement.scopes(scopes.toArray(String[]::new))));
        }
        return guarded;
    }

    private static String document(BearerConfig config, ProtectedResources.Resource resource,
                                   List<Requirement> requirements, List<String> dpopAlgorithms) {
        var settings = config.resource().orElseThrow();
        var issuers = new LinkedHashSet<IssuerConfig>();
        var scopes = new TreeSet<>(settings.scopes());
        boolean dpop = false;
        boolean bearer = requirements.isEmpty()
                && config.issuers().stream().anyMatch(i -> i.dpop() != DpopMode.REQUIRED);
        for (var requirement : requirements) {
            scopes.addAll(requirement.scopes());
            for (var issuer : config.issuers()) {
                if (!requirement.issuers().isEmpty() && !requirement.issuers().contains(issuer.name())) {
                    continue;
                }
                issuers.add(issuer);
                var mode = requirement.dpop().and(issuer.dpop());
                dpop |= mode == DpopMode.ALLOWED || mode == DpopMode.REQUIRED;
                bearer |= mode == DpopMode.ALLOWED || mode == DpopMode.OFF;
            }
        }
        if (requirements.isEmpty()) {
            issuers.addAll(config.issuers());
            dpop = config.issuers().stream().anyMatch(i -> i.dpop() != DpopMode.OFF);
        }
        var json = new JsonWriter()
                .member("resource", resource.identifier())
                .member("authorization_servers", issuers.stream().map(IssuerConfig::issuer).toList());
        if (!scopes.isEmpty()) {
            json.member("scopes_supported", List.copyOf(scopes));
        }
        json.member("bearer_methods_supported", List.of("header"));
        settings.name().ifPresent(n -> json.member("resource_name", n));
        settings.documentation().ifPresent(d -> json.member("resource_documentation", d));
        if (dpop) {
            json.member("dpop_signing_alg_values_supported", dpopAlgorithms);
            if (!bearer) {
                json.member("dpop_bound_access_tokens_required", true);
            }
        }
        return json.end();
    }
}
