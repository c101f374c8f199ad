package org.bearerguard.it.cluster;

import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Application servers that share one distributed cache, as the tests need them. */
interface Cluster extends AutoCloseable {

    /** The region the test application keeps its keys in (bearer.cache.name's default). */
    String REGION = "bearer-guard-jwks";

    /** How the application reaches the shared cache (MicroProfile Config lines). */
    String cacheConfig();

    /** Adds what this server needs to the application (a Hazelcast jar, or nothing). */
    WebArchive prepare(WebArchive app);

    /** Starts node {@code index} serving {@code war}; returns once the application answers. */
    Node start(int index, Path war);

    /** Which of {@code nodes} still serve once the cache is lost. */
    List<Node> survivorsOfLosingCache(List<Node> nodes);

    /** The distributed cache goes away (see {@link #survivorsOfLosingCache}). */
    void loseCache(List<Node> nodes);

    /** A Hazelcast client of the grid that is not one of the nodes and does not know the cache secret. */
    GridPoisoner poisoner();

    /** What the tests call the cache in their report. */
    String cacheName();

    @Override
    void close();
}
