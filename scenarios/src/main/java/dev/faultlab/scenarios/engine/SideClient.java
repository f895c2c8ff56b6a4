package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.faultlab.scenarios.model.EventFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's own MQTT client (MQTT 5, HiveMQ client) for offline-message and will checks: it
 * publishes and subscribes, straight on the broker or through the proxy, and every message it
 * receives becomes a {@code message} event (source side) with {@code topic}, {@code payload},
 * {@code qos} and {@code retain}.
 */
final class SideClient implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;

    private final Mqtt5AsyncClient client;

    private SideClient(Mqtt5AsyncClient client) {
        this.client = client;
    }

    /** Connects to {@code host:port} as {@code clientId}. */
    static SideClient connect(String host, int port, String clientId, EventLog log) {
        Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> log.add(observed(publish)));
        await(client.connect(), "connect to " + host + ":" + port);
        return new SideClient(client);
    }

    void subscribe(String topic, int qos) {
        await(client.subscribeWith().topicFilter(topic).qos(qos(qos)).send(), "subscribe to " + topic);
    }

    void publish(String topic, String payload, int qos, boolean retain) {
        await(client.publishWith().topic(topic).qos(qos(qos)).retain(retain)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send(), "publish to " + topic);
    }

    private static Observed observed(Mqtt5Publish publish) {
        ObjectNode fields = ProxyApi.JSON.createObjectNode()
                .put("topic", publish.getTopic().toString())
                .put("payload", new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8))
                .put("qos", publish.getQos().getCode())
                .put("retain", publish.isRetain());
        return new Observed(System.nanoTime(), Instant.now(), EventFilter.Source.SIDE, "message", null, null, fields);
    }

    private static MqttQos qos(int qos) {
        return MqttQos.fromCode(qos);
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("side client: " + what + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("side client: " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).exceptionally(error -> null).join();
    }
}
