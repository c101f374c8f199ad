package org.bearerguard.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
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

    @Test
    void whenMemberAndClientAreConfiguredByFilesThenTheyShareTheRegion() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // the files take their variable parts from system properties, as Hazelcast does
        System.setProperty("bg.hz.cluster-name", "bearer-guard-file-" + port);
        System.setProperty("bg.hz.port", Integer.toString(port));
        var memberFile = Path.of("server-config/hazelcast/hazelcast-member.xml").toAbsolutePath().toUri();

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
}
