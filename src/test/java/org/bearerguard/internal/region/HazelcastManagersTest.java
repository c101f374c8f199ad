package org.bearerguard.internal.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.cache.HazelcastClientCachingProvider;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.codec.CachePutCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.testing.ClusterNodes;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded member and the client as bearer-guard configures them from {@code bearer.cache.hazelcast.*}: a member
 * left to its defaults listens on loopback only, and neither deserializes a Java object someone else sends.
 */
class HazelcastManagersTest {

    private final MutableClock clock = new MutableClock();
    private JwksRegion member;
    private HazelcastInstance attacker;

    @AfterEach
    void close() {
        if (attacker != null) {
            attacker.shutdown();
        }
        if (member != null) {
            member.close();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A member as {@code bearer.cache.provider=hazelcast} with only a cluster name and a port. */
    private BearerConfig memberDefaults(int port) {
        return TestConfig.issuer("https://id.example").with("bearer.cache.provider", "hazelcast")
                .with("bearer.cache.secret", ClusterNodes.SECRET)
                .with("bearer.cache.hazelcast.cluster-name", "bearer-guard-defaults-" + port)
                .with("bearer.cache.hazelcast.port", Integer.toString(port)).build();
    }

    /** Opens the member and returns its port. */
    private int openMember(BearerConfig config) {
        var before = Set.copyOf(Hazelcast.getAllHazelcastInstances());
        member = JwksRegion.open(config.cache());
        var instance = Hazelcast.getAllHazelcastInstances().stream().filter(h -> !before.contains(h)).findFirst()
                .orElseThrow();
        return instance.getCluster().getLocalMember().getAddress().getPort();
    }

    /** An address of this machine other than loopback, if it has one. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    @Test
    void whenAMemberIsLeftToItsDefaultsThenItCannotBeReachedOnAnyAddressButLoopback() throws Exception {
        var outside = nonLoopbackAddress();
        var config = memberDefaults(freePort());
        // this machine has one (a container's eth0); without one, only the configuration could be checked, below
        assertThat(outside).as("a non-loopback IPv4 address of this machine").isPresent();

        int port = openMember(config);

        connect(InetAddress.getLoopbackAddress(), port);
        assertThatThrownBy(() -> connect(outside.get(), port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void whenAMemberIsLeftToItsDefaultsThenItsConfigurationBindsLoopbackOnly() {
        var network = HazelcastManagers.memberConfig(memberDefaults(5701).cache());

        assertThat(network.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        assertThat(network.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
        assertThat(network.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(network.getNetworkConfig().getPublicAddress()).isEqualTo("127.0.0.1");
    }

    /** What a gadget chain would be: an object whose deserialization runs code. */
    static final class Probe implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }
    }

    @Test
    void whenAClientPutsASerializableObjectUnderTheKeySetsNameThenTheMemberNeverDeserializesIt() throws Exception {
        var config = memberDefaults(freePort());
        int port = openMember(config);
        var client = new ClientConfig().setClusterName(config.cache().hazelcast().clusterName());
        client.getNetworkConfig().addAddress("127.0.0.1:" + port);
        attacker = HazelcastClient.newHazelcastClient(client);
        var provider = new HazelcastClientCachingProvider();
        var raw = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(attacker))
                .getCache("bearer-guard-jwks", String.class, String.class);
        var issuer = member.forIssuer(config.issuers().get(0), clock);
        Probe.deserialized = false;

        // the Java client checks the cache's value type before sending; the protocol does not, nor need an attacker
        var hz = ((HazelcastClientProxy) attacker).client;
        var key = hz.getSerializationService().toData(config.issuers().get(0).regionKey());
        var name = raw.unwrap(ICache.class).getPrefixedName();
        var put = CachePutCodec.encodeRequest(name, key, hz.getSerializationService().toData(new Probe()), null,
                false, 0);
        new ClientInvocation(hz, put, name, hz.getClientPartitionService().getPartitionId(key)).invoke().get();

        assertThat(issuer.keySet()).isEmpty();
        assertThat(Probe.deserialized).isFalse();
        // the object was removed, and the region goes on working
        assertThat(issuer.publish("{\"keys\":[]}", clock.instant(), clock.instant().plusSeconds(60), 0).generation())
                .isEqualTo(1);
        assertThat(issuer.keySet()).isPresent();
    }

    @Test
    void whenAClientIsConfiguredFromPropertiesThenItDeserializesOnlyWhatJCacheNeeds() {
        var client = HazelcastManagers.clientConfig(memberDefaults(5701).cache());

        var filter = client.getSerializationConfig().getJavaSerializationFilterConfig();
        assertThat(filter).isEqualTo(HazelcastManagers.javaSerializationFilter());
        assertThat(filter.isDefaultsDisabled()).isTrue();
        assertThat(filter.getWhitelist().isListed("java.lang.String")).isTrue();
        assertThat(filter.getWhitelist().isListed("javax.cache.configuration.FactoryBuilder$ClassFactory")).isFalse();
        assertThat(filter.getWhitelist().isListed("java.util.PriorityQueue")).isFalse();
        assertThat(filter.getWhitelist().isListed(Probe.class.getName())).isFalse();
    }

    @Test
    void whenTheRepositorysMemberFileIsReadThenItsFilterIsTheOneBearerGuardSets() throws Exception {
        System.setProperty("bg.hz.cluster-name", "unused");
        System.setProperty("bg.hz.port", "5701");
        try {
            var file = new FileSystemXmlConfig(Path.of("server-config/hazelcast/hazelcast-member.xml").toFile());

            assertThat(file.getSerializationConfig().getJavaSerializationFilterConfig())
                    .isEqualTo(HazelcastManagers.javaSerializationFilter());
        } finally {
            System.clearProperty("bg.hz.cluster-name");
            System.clearProperty("bg.hz.port");
        }
    }

    @Test
    void whenAClientConfiguredFromPropertiesJoinsAMemberThenTheyShareTheRegion() throws Exception {
        var memberConfig = memberDefaults(freePort());
        int port = openMember(memberConfig);
        var clientConfig = TestConfig.issuer("https://id.example").with("bearer.cache.provider", "hazelcast-client")
                .with("bearer.cache.secret", ClusterNodes.SECRET)
                .with("bearer.cache.hazelcast.cluster-name", memberConfig.cache().hazelcast().clusterName())
                .with("bearer.cache.hazelcast.members", "127.0.0.1:" + port).build();
        try (var client = JwksRegion.open(clientConfig.cache())) {
            var onMember = member.forIssuer(memberConfig.issuers().get(0), clock);
            var onClient = client.forIssuer(clientConfig.issuers().get(0), clock);

            var published = onMember.publish("{\"keys\":[]}", clock.instant(), clock.instant().plusSeconds(60), 0);

            // the client starts asynchronously (as deployed): until it is connected, it acts alone and sees nothing
            assertThat(ClusterNodes.within(java.time.Duration.ofSeconds(15), () -> onClient.keySet().isPresent()))
                    .isTrue();
            assertThat(onClient.keySet()).contains(published);
            assertThat(onClient.tryLease("client")).isPresent();
            assertThat(onMember.leased()).isTrue();
        }
    }
}
