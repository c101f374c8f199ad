package org.bearerguard.it.cluster;

import org.junit.jupiter.api.BeforeAll;

/** Three OpenLiberty servers whose applications are clients of one Hazelcast member process. */
class LibertyClusterIT extends ClusterScenarios {

    @BeforeAll
    static void start() throws Exception {
        var work = workDirectory("liberty");
        startCluster(new LibertyCluster(work), work);
    }
}
