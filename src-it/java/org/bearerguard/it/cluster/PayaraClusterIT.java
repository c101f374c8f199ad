package org.bearerguard.it.cluster;

import org.junit.jupiter.api.BeforeAll;

/** Three Payara Micro instances sharing Payara's data grid ({@code bearer.cache.provider=payara}). */
class PayaraClusterIT extends ClusterScenarios {

    @BeforeAll
    static void start() throws Exception {
        var work = workDirectory("payara");
        startCluster(new PayaraCluster(work), work);
    }
}
