package org.bearerguard.testing;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.region.JwksRegion;

/**
 * Several "processes" in one JVM: each node is a real embedded Hazelcast member (bearer.cache.provider=hazelcast,
 * bound to 127.0.0.1) with its own region, all in one cluster. A node can be killed (its member terminated, as when
 * the process dies) while the others go on.
 */
public final class ClusterNodes implements AutoCloseable {

    /** The cluster's {@code bearer.cache.secret}: every node has it. */
    public static final String SECRET = "the secret every node of this test cluster shares";

    private final int basePort = freePortBlock();
    private final String clusterName = "bearer-guard-test-" + basePort;
    private final List<JwksRegion> regions = new ArrayList<>();
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** Starts {@code count} members and waits until they form one cluster. */
    public ClusterNodes(int count) {
        for (int i = 0; i < count; i++) {
            add();
        }
    }

    /** Configuration for a node of this cluster, trusting {@code issuer}. */
    public TestConfig config(String issuer) {
        var members = String.join(",", IntStream.range(0, 4).mapToObj(i -> "127.0.0.1:" + (basePort + i)).toList());
        return TestConfig.issuer(issuer)
                .with("bearer.cache.provider", "hazelcast")
                .with("bearer.cache.secret", SECRET)
                .with("bearer.cache.hazelcast.cluster-name", clusterName)
                .with("bearer.cache.hazelcast.interface", "127.0.0.1")
                .with("bearer.cache.hazelcast.port", Integer.toString(basePort))
                .with("bearer.cache.hazelcast.members", members);
    }

    /** Starts one more member (a node joining later); returns its index. */
    public int add() {
        BearerConfig config = config("http://127.0.0.1:1/unused").build();
        var before = Set.copyOf(Hazelcast.getAllHazelcastInstances());
        regions.add(JwksRegion.open(config.cache()));
        members.add(Hazelcast.getAllHazelcastInstances().stream().filter(h -> !before.contains(h)).findFirst()
                .orElseThrow());
        awaitClusterFormed();
        return regions.size() - 1;
    }

    /** What anyone who may reach the members needs to join as a client: the cluster's name ... */
    public String clusterName() {
        return clusterName;
    }

    /** ... and a member's address, {@code 127.0.0.1:<port>}. */
    public String address(int node) {
        var address = members.get(node).getCluster().getLocalMember().getAddress();
        return address.getHost() + ":" + address.getPort();
    }

    public JwksRegion region(int node) {
        return regions.get(node);
    }

    /** The node's process dies: its member leaves without a goodbye. */
    public void kill(int node) {
        members.get(node).getLifecycleService().terminate();
    }

    private void awaitClusterFormed() {
        for (int i = 0; i < 300; i++) {
            var running = members.stream().filter(h -> h.getLifecycleService().isRunning()).toList();
            // partitions assigned, migrated and backed up: a member may now die without losing entries, as in a
            // cluster that has been up for a while
            running.forEach(h -> h.getPartitionService().getPartitions());
            if (running.stream().allMatch(h -> h.getCluster().getMembers().size() == running.size()
                    && h.getPartitionService().isClusterSafe())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the members did not form one cluster");
    }

    private static int freePortBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (var socket = new ServerSocket(0)) {
                base = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (base < 60000 && IntStream.range(1, 4).allMatch(i -> free(base + i))) {
                return base;
            }
        }
        throw new IllegalStateException("no block of 4 free ports");
    }

    private static boolean free(int port) {
        try (var socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        regions.forEach(JwksRegion::close);
    }

    /** Whether {@code condition} holds within {@code limit}, asked every 50 ms (for clients that connect later). */
    public static boolean within(java.time.Duration limit, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
