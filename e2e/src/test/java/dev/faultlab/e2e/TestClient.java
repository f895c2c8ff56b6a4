package dev.faultlab.e2e;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A real MQTT client library behind one small interface, so a scenario runs the same with each:
 * the HiveMQ MQTT client (3.1.1 and 5) and Paho (3.1.1). Calls block until the broker answered
 * (CONNACK, SUBACK, PUBACK or PUBCOMP), at most {@link #TIMEOUT_SECONDS}.
 */
interface TestClient extends AutoCloseable {
    long TIMEOUT_SECONDS = 10;

    /** The client libraries and protocol versions under test. */
    enum Kind {
        HIVEMQ_3("3.1.1"),
        HIVEMQ_5("5"),
        PAHO_3("3.1.1");

        private final String version;

        Kind(String version) {
            this.version = version;
        }

        /** The protocol version as the proxy's events name it. */
        String version() {
            return version;
        }

        /** Connects to {@code host:port}; throws when the broker (or a fault) refuses. */
        TestClient connect(String host, int port, Options options) throws Exception {
            return switch (this) {
                case HIVEMQ_3 -> HiveMq3Client.connect(host, port, options);
                case HIVEMQ_5 -> HiveMq5Client.connect(host, port, options);
                case PAHO_3 -> PahoClient.connect(host, port, options);
            };
        }
    }

    /** A last will: published by the broker when the connection ends without DISCONNECT. */
    record Will(String topic, byte[] payload, int qos) {
    }

    /** How to connect: client id, keepalive in seconds, and an optional will. */
    record Options(String clientId, int keepAlive, Will will) {
        static Options of(String clientId) {
            return new Options(clientId, 30, null);
        }

        Options will(String topic, byte[] payload, int qos) {
            return new Options(clientId, keepAlive, new Will(topic, payload, qos));
        }

        Options keepAlive(int seconds) {
            return new Options(clientId, seconds, will);
        }
    }

    /** A message the client received on a subscription. */
    record Message(String topic, byte[] payload, int qos) {
    }

    void subscribe(String filter, int qos) throws Exception;

    /** Publishes and waits for the acknowledgement of its QoS. */
    void publish(String topic, byte[] payload, int qos) throws Exception;

    /** Publishes without waiting: completes when the acknowledgement of its QoS arrives. */
    CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos) throws Exception;

    /** Messages received on this client's subscriptions, in arrival order. */
    BlockingQueue<Message> received();

    /** Completes with the cause when the connection ends other than by {@link #disconnect}. */
    CompletableFuture<Throwable> lost();

    /** Sends DISCONNECT and closes. */
    void disconnect() throws Exception;

    /** Releases the client, connected or not. */
    @Override
    void close();
}
