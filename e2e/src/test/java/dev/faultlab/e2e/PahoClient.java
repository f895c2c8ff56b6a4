package dev.faultlab.e2e;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The Eclipse Paho client speaking MQTT 3.1.1 (its synchronous API blocks until each ack). */
final class PahoClient implements TestClient {
    private static final long QUIESCE_MILLIS = 2_000;
    private final Client client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Throwable> lost = new CompletableFuture<>();

    private PahoClient(Client client) {
        this.client = client;
        client.setTimeToWait(TIMEOUT_SECONDS * 1_000);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.complete(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Message(topic, message.getPayload(), message.getQos()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publish() already waits for the acknowledgement
            }
        });
    }

    static TestClient connect(String host, int port, Options options) throws MqttException {
        PahoClient connected = new PahoClient(new Client("tcp://" + host + ":" + port, options.clientId()));
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connect.setCleanSession(true);
        connect.setAutomaticReconnect(false);
        connect.setKeepAliveInterval(options.keepAlive());
        connect.setConnectionTimeout((int) TIMEOUT_SECONDS);
        if (options.will() != null) {
            connect.setWill(options.will().topic(), options.will().payload(), options.will().qos(), false);
        }
        try {
            connected.client.connect(connect);
        } catch (MqttException e) {
            connected.close();
            throw e;
        }
        return connected;
    }

    @Override
    public void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos);
    }

    @Override
    public void publish(String topic, byte[] payload, int qos) throws MqttException {
        client.publish(topic, payload, qos, false);
    }

    @Override
    public CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos) throws MqttException {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        client.publishAsync(topic, message, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acknowledged.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                acknowledged.completeExceptionally(cause);
            }
        });
        return acknowledged;
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
    public void disconnect() throws MqttException {
        client.disconnect(QUIESCE_MILLIS);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, QUIESCE_MILLIS);
            }
            client.close(true);
        } catch (MqttException e) {
            throw new IllegalStateException("Paho client " + client.getClientId() + " did not close", e);
        }
    }

    /** The synchronous client, with its asynchronous one reachable for a publish that does not wait. */
    private static final class Client extends MqttClient {
        Client(String uri, String clientId) throws MqttException {
            super(uri, clientId, new MemoryPersistence());
        }

        /** Publishes with {@code listener} attached before the message is sent. */
        void publishAsync(String topic, MqttMessage message, IMqttActionListener listener) throws MqttException {
            aClient.publish(topic, message, null, listener);
        }
    }
}
