package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.cache.HazelcastClientCachingProvider;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.ServerSocket;
import java.nio.file.Path;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import org.bearerguard.testing.ClusterNodes;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hazelcast configured by its own files instead of {@code bearer.cache.hazelcast.*}: a member from the repository's
 * {@code server-config/hazelcast/hazelcast-member.xml} and a client from a client file, sharing one region.
 */
class HazelcastFileConfigTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("bg.hz.cluster-name");
        System.clearProperty("bg.hz.port");
    }

    /** The files take their variable parts from system properties, as Hazelcast does; returns the port. */
    private static int clusterProperties() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        System.setProperty("bg.hz.cluster-name", "bearer-guard-file-" + port);
        System.setProperty("bg.hz.port", Integer.toString(port));
        return port;
    }

    private static final Path MEMBER_FILE = Path.of("server-config/hazelcast/hazelcast-member.xml");

    @Test
    void whenMemberAndClientAreConfiguredByFilesThenTheyShareTheRegion() throws Exception {
        clusterProperties();
        var memberFile = MEMBER_FILE.toAbsolutePath().toUri();

        var memberConfig = TestConfig.issuer("https://id.example")
                .with("bearer.cache.provider", "hazelcast").with("bearer.cache.uri", memberFile.toString())
                .with("bearer.cache.secret", ClusterNodes.SECRET).build();
        var clientConfig = TestConfig.issuer("https://id.example")
                .with("bearer.cache.provider", "hazelcast-client")
                .with("bearer.cache.uri", "classpath:hazelcast-client-test.xml")
                .with("bearer.cache.secret", ClusterNodes.SECRET).build();
        var clock = new MutableClock();
        try (var member = JwksRegion.open(memberConfig.cache());
             var client = JwksRegion.open(clientConfig.cache())) {
            var onMember = member.forIssuer(memberConfig.issuers().get(0), clock);
            var onClient = client.forIssuer(clientConfig.issuers().get(0), clock);

            assertThat(onMember.tryLease("member")).isPresent();
            assertThat(onClient.leased()).isTrue();
            assertThat(onClient.tryLease("client")).isEmpty();
        }
    }

    /** What a gadget chain would be: an entry processor whose deserialization runs code. */
    static final class ProbeProcessor implements EntryProcessor<String, String, String>, Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }

        @Override
        public String process(MutableEntry<String, String> entry, Object... arguments) {
            return null;
        }
    }

    /**
     * The stand-alone member of the repository's file, as {@code hazelcast-client} users run it: a client of ours
     * creates the region on it (its configuration crosses the wire), and an entry processor someone sends it is never
     * deserialized.
     */
    @Test
    void whenAClientCreatesTheRegionOnTheRepositorysMemberThenItWorksAndNoEntryProcessorIsDeserialized()
            throws Exception {
        int port = clusterProperties();
        var member = Hazelcast.newHazelcastInstance(new FileSystemXmlConfig(MEMBER_FILE.toFile()));
        var clientConfig = TestConfig.issuer("https://id.example").with("bearer.cache.provider", "hazelcast-client")
                .with("bearer.cache.hazelcast.cluster-name", "bearer-guard-file-" + port)
                .with("bearer.cache.hazelcast.members", "127.0.0.1:" + port)
                .with("bearer.cache.secret", ClusterNodes.SECRET).build();
        var clock = new MutableClock();
        try (var client = JwksRegion.open(clientConfig.cache())) {
            var region = client.forIssuer(clientConfig.issuers().get(0), clock);
            // the client starts asynchronously (as deployed): until it is connected, a publish stays local
            assertThat(ClusterNodes.within(java.time.Duration.ofSeconds(15), () -> {
                region.publish("{\"keys\":[]}", clock.instant(), clock.instant().plusSeconds(60), 0);
                return region.keySet().isPresent();
            })).isTrue();
            assertThat(region.keySet().orElseThrow().generation()).isEqualTo(1);

            var provider = new HazelcastClientCachingProvider();
            var raw = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                    HazelcastCachingProvider.propertiesByInstanceItself(attackerOf(port)))
                    .getCache("bearer-guard-jwks", String.class, String.class);
            ProbeProcessor.deserialized = false;

            assertThatThrownBy(() -> raw.invoke(clientConfig.issuers().get(0).regionKey(), new ProbeProcessor()))
                    .isInstanceOf(RuntimeException.class);
            assertThat(ProbeProcessor.deserialized).isFalse();
        } finally {
            if (attacker != null) {
                attacker.shutdown();
            }
            member.shutdown();
        }
    }

    private HazelcastInstance attacker;

    /** A client of someone who knows the cluster's name and a member's address. */
    private HazelcastInstance attackerOf(int port) {
        var config = new ClientConfig().setClusterName("bearer-guard-file-" + port);
        config.getNetworkConfig().addAddress("127.0.0.1:" + port);
        attacker = HazelcastClient.newHazelcastClient(config);
        return attacker;
    }
}
