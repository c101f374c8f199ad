package org.bearerguard.internal.filter;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.function.Supplier;
import org.bearerguard.BearerProtected;
import org.bearerguard.internal.authorize.ResourceRules;
import org.bearerguard.internal.authorize.SubResourceRules;
import org.bearerguard.internal.context.CurrentPrincipal;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.internal.metadata.JaxRsPaths;

/**
 * Puts a {@link BearerFilter} in front of every resource method that {@link BearerProtected} covers, as the
 * application starts: JAX-RS hands each resource method here with the resource class that really serves it, so
 * the requirement is read once per (class, method) and never looked up per request. An issuer name that no
 * configuration defines fails the application's start, naming the class, the method and the name.
 *
 * <p>Post-matching, at {@link Priorities#AUTHENTICATION}: a pre-matching filter could not know the method.
 */
@Provider
public class BearerFeature implements DynamicFeature {

    private static final System.Logger LOG = System.getLogger(BearerFeature.class.getName());

    private final Supplier<BearerAuthenticator> pipeline;
    private final Supplier<CurrentPrincipal> principal;

    /** As the JAX-RS runtime creates it: the pipeline comes from the application's CDI container. */
    public BearerFeature() {
        this(() -> CDI.current().select(BearerAuthenticator.class).get(),
                () -> CDI.current().select(CurrentPrincipal.class).get());
    }

    BearerFeature(Supplier<BearerAuthenticator> pipeline, Supplier<CurrentPrincipal> principal) {
        this.pipeline = pipeline;
        this.principal = principal;
    }

    /** Whether the application path was checked: JAX-RS starts after the servlet container ran our initializer. */
    private final java.util.concurrent.atomic.AtomicBoolean checked = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (checked.compareAndSet(false, true)) {
            // on Payara the servlet-context event of BearerAuthenticator does not come: the check is made here
            pipeline.get().checkWebApplication(JaxRsPaths.recorded(), JaxRsPaths.unknownApplicationPath());
        }
        var type = resource.getResourceClass();
        var method = resource.getResourceMethod();
        if (type == null || method == null) {
            return;
        }
        var requirement = ResourceRules.of(type, method);
        if (requirement.isEmpty() && SubResourceRules.isSubResource(type)) {
            // reached through a locator: protected if the locator or its resource is (known per request only)
            context.register(BearerFilter.forSubResource(pipeline, principal), Priorities.AUTHENTICATION);
            return;
        }
        if (requirement.isEmpty()) {
            if (ResourceRules.looksRoleProtected(type, method)) {
                LOG.log(Level.WARNING, "bearer-guard: {0}.{1} has @RolesAllowed or @DenyAll but no @BearerProtected:"
                        + " bearer-guard does not guard it", type.getName(), method.getName());
            }
            return;
        }
        checkIssuers(requirement.get().issuers(), type, method.getName());
        context.register(new BearerFilter(requirement.get(), JaxRsPaths.of(type, method).orElse(null), pipeline,
                principal), Priorities.AUTHENTICATION);
    }

    private void checkIssuers(Set<String> names, Class<?> type, String method) {
        if (names.isEmpty()) {
            return;
        }
        var configured = pipeline.get().issuerNames();
        for (var name : names) {
            if (!configured.contains(name)) {
                throw new BearerConfigException("@BearerProtected on " + type.getName() + "." + method
                        + " names issuer '" + name + "', which no configuration defines (configured: "
                        + String.join(", ", new java.util.TreeSet<>(configured)) + ")");
            }
        }
    }
}
