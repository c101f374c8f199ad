package org.bearerguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.test.api.Deployer;

/**
 * An application that must not start, deployed by the test itself ({@code @Deployment(managed = false)}): servers
 * differ in when they notice. Payara Server refuses the deployment (its admin interface answers the failure, so the
 * Arquillian deployment itself fails); Payara Micro reports the deployment ready and serves 404; OpenLiberty starts a
 * JAX-RS application on its first request, which then fails (500). A managed deployment would make the first case an
 * error of the whole class; here it is the outcome to check, with its reason.
 */
final class RefusedDeployment {

    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

    private RefusedDeployment() {
    }

    /**
     * Deploys {@code name}. If the server refuses it, the refusal must name {@code reason} (a deployment failing for
     * anything else is no proof); if it accepts it, {@link #accepted} is true afterwards and the test's second step
     * checks that nothing is served.
     */
    static void deploy(Deployer deployer, String name, String reason) {
        try {
            deployer.deploy(name);
            ACCEPTED.add(name);
        } catch (Exception refused) { // Arquillian's DeploymentException, a checked exception thrown undeclared
            assertThat(causes(refused)).as("why the server refused %s", name).contains(reason);
        }
    }

    /** Whether the server accepted {@code name}'s deployment (and the application must now serve nothing). */
    static boolean accepted(String name) {
        return ACCEPTED.contains(name);
    }

    private static String causes(Throwable t) {
        var all = new StringBuilder();
        for (var cause = t; cause != null; cause = cause.getCause()) {
            all.append(cause).append('\n');
        }
        return all.toString();
    }
}
