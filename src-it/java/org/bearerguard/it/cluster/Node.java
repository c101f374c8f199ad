package org.bearerguard.it.cluster;

import java.net.URI;
import org.bearerguard.it.Http;

/**
 * One application server of a cluster, serving the test application.
 *
 * @param process the server's process
 * @param app     the application's base URL
 */
record Node(ServerProcess process, URI app) {

    Http http() {
        return new Http(app);
    }
}
