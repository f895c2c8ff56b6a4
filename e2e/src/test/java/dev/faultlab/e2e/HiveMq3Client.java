package dev.faultlab.e2e;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The HiveMQ MQTT client speaking MQTT 3.1.1. */
final class HiveMq3Client implements TestClient {
    private final Mqtt3AsyncClient client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Throwable> lost = new CompletableFuture<>();

    private HiveMq3Client(String host, int port, String clientId) {
        client = MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost(host).serverPort(port)
                .addDisconnectedListener(context -> {
                    if (context.getSource() != MqttDisconnectSource.USER) {
                        lost.complete(context.getCause());
                    }
                })
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> received.add(new Message(publish.getTopic().toString(),
                publish.getPayloadAsBytes(), publish.getQos().getCode())));
    }

    static TestClient connect(String host, int port, Options options) throws Exception {
        HiveMq3Client connected = new HiveMq3Client(host, port, options.clientId());
        Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> connect = connected.client.connectWith().keepAlive(options.keepAlive()).cleanSession(true);
        if (options.will() != null) {
            connect = connect.willPublish().topic(options.will().topic()).payload(options.will().payload())
                    .qos(MqttQos.fromCode(options.will().qos())).applyWillPublish();
        }
        try {
            connect.send().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            connected.close();
            throw e;
        }
        return connected;
    }

    @Override
    public void subscribe(String filter, int qos) throws Exception {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void publish(String topic, byte[] payload, int qos) throws Exception {
        client.publishWith().topic(topic).payload(payload).qos(MqttQos.fromCode(qos)).send()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos) {
        return client.publishWith().topic(topic).payload(payload).qos(MqttQos.fromCode(qos)).send()
                .thenApply(result -> null);
    }

    @Override
    public BlockingQueue<Message> received() {
        return received;
    }

    @Override
    public CompletableFuture<Throwable> lost() {
        return lost;
    }

    @Override
    public void disconnect() throws Exception {
        client.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (client.getState().isConnectedOrReconnect()) {
            client.disconnect();
        }
    }
}
