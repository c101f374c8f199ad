package org.bearerguard.it.cluster;

import com.hazelcast.cache.impl.ICacheService;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.impl.client.DistributedObjectInfo;
import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.CacheGetCodec;
import com.hazelcast.client.impl.protocol.codec.CachePutCodec;
import com.hazelcast.client.impl.protocol.codec.ClientGetDistributedObjectsCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jose4j.json.JsonUtil;

/**
 * Someone on the grid who is not one of the application's nodes: a Hazelcast client that knows the cluster's name
 * and a member's address (all open-source Hazelcast asks for) and bearer-guard's entry formats and names (the code is
 * public), but not {@code bearer.cache.secret}. It finds the region among the grid's distributed objects and reads
 * and writes entries with the client protocol's own cache requests: a JCache proxy would first deserialize the cache's
 * configuration, which on Payara needs Payara's serializers; an attacker does without, and so does this.
 */
final class GridPoisoner implements AutoCloseable {

    private final HazelcastInstance client;
    private final HazelcastClientInstanceImpl protocol;
    private final String cacheName;

    private GridPoisoner(HazelcastInstance client, String cacheName) {
        this.client = client;
        this.protocol = ((HazelcastClientProxy) client).client;
        this.cacheName = cacheName;
    }

    static GridPoisoner join(String clusterName, String memberAddress, String regionName) {
        var config = new ClientConfig().setClusterName(clusterName).setInstanceName("poisoner-" + clusterName);
        config.getNetworkConfig().addAddress(memberAddress);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(60_000);
        var client = HazelcastClient.newHazelcastClient(config); // blocks until connected (synchronous start)
        try {
            var protocol = ((HazelcastClientProxy) client).client;
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                List<DistributedObjectInfo> objects = ClientGetDistributedObjectsCodec.decodeResponse(
                        call(protocol, ClientGetDistributedObjectsCodec.encodeRequest(), -1));
                var found = objects.stream().filter(o -> o.getServiceName().equals(ICacheService.SERVICE_NAME)
                        && o.getName().endsWith(regionName)).findFirst();
                if (found.isPresent()) {
                    return new GridPoisoner(client, found.get().getName());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no cache named …" + regionName + " on the grid: " + objects);
                }
                ServerProcess.sleep(200);
            }
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * The name of an issuer's entry: {@code prefix} ("" for the key set, "lease ", "backoff ", "unknown-kid ") and
     * the issuer with a digest of where its keys come from (here: discovery), as bearer-guard names it.
     */
    static String entryName(String prefix, String issuer) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((issuer + "\n" + "discovery").getBytes(StandardCharsets.UTF_8));
            return prefix + issuer + " " + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String get(String name) {
        var key = protocol.getSerializationService().toData(name);
        Data value = CacheGetCodec.decodeResponse(call(protocol, CacheGetCodec.encodeRequest(cacheName, key, null),
                partition(key)));
        return protocol.getSerializationService().toObject(value);
    }

    void put(String name, String value) {
        var serialization = protocol.getSerializationService();
        var key = serialization.toData(name);
        call(protocol, CachePutCodec.encodeRequest(cacheName, key, serialization.toData(value), null, false, -1),
                partition(key));
    }

    private int partition(Data key) {
        return protocol.getClientPartitionService().getPartitionId(key);
    }

    private static ClientMessage call(HazelcastClientInstanceImpl protocol, ClientMessage request, int partition) {
        try {
            return new ClientInvocation(protocol, request, null, partition).invoke().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A key set entry's payload as bearer-guard writes it, with whatever an attacker wants in it. */
    static String keySetPayload(String jwks, long generation, Instant fetchedAt, Instant expiresAt,
                                Map<String, Object> extra) {
        var map = new LinkedHashMap<String, Object>();
        map.put("jwks", jwks);
        map.put("generation", generation);
        map.put("fetchedAt", fetchedAt.toEpochMilli());
        map.put("expiresAt", expiresAt.toEpochMilli());
        map.putAll(extra);
        return JsonUtil.toJson(map);
    }

    /** The generation of a key-set entry ({@code <mac>.<json>}). */
    static long generation(String keySetValue) {
        try {
            return ((Number) JsonUtil.parseJson(keySetValue.substring(keySetValue.indexOf('.') + 1))
                    .get("generation")).longValue();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No MAC at all: what the opt-out {@code bearer.cache.unauthenticated=true} would read. */
    static String unsealed(String payload) {
        return "." + payload;
    }

    /** A MAC of the right shape that nobody computed with the secret. */
    static String forgedSeal(String payload) {
        var mac = new byte[32];
        ThreadLocalRandom.current().nextBytes(mac);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac) + "." + payload;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
