package dev.faultlab.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker serves MQTT 3.1, 3.1.1 and 5 on the project's Netty 4.2: publish and
 * subscribe, wills on an abrupt close, MQTT 5 will delay and session expiry.
 */
class EmbeddedBrokerTest {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void mqtt311ClientReceivesItsOwnPublish() throws Exception {
        Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("v311")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        client.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("lab/v311/#").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("lab/v311/hello").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("hello 3.1.1")).send();
            Optional<Mqtt3Publish> received = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(received.get().getTopic().toString()).isEqualTo("lab/v311/hello");
            assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello 3.1.1");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mqtt5ClientReceivesItsOwnPublish() throws Exception {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("v5")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        client.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("lab/v5/#").qos(MqttQos.EXACTLY_ONCE).send();
            client.publishWith().topic("lab/v5/hello").qos(MqttQos.EXACTLY_ONCE).payload(bytes("hello 5")).send();
            Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(received.get().getTopic().toString()).isEqualTo("lab/v5/hello");
            assertThat(received.get().getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mqtt31ClientIsAccepted() throws Exception {
        try (RawMqttClient client = RawMqttClient.connect(broker.port(), RawMqttClient.MQTT_3_1, "v31", 0, null)) {
            assertThat(client).isNotNull();
        }
    }

    @Test
    void willIsPublishedWhenA311ClientVanishes() throws Exception {
        Mqtt3BlockingClient watcher = Mqtt3Client.builder().identifier("will-watcher-311")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        watcher.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter("lab/will/311").send();
            RawMqttClient device = RawMqttClient.connect(broker.port(), RawMqttClient.MQTT_3_1_1, "esp-311", 0,
                    new RawMqttClient.Will("lab/will/311", "offline", 0));
            device.close();
            Optional<Mqtt3Publish> will = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(will).isPresent();
            assertThat(new String(will.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("offline");
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void mqtt5WillWaitsForItsDelay() throws Exception {
        Mqtt5BlockingClient watcher = Mqtt5Client.builder().identifier("will-watcher-5")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter("lab/will/5").send();
            RawMqttClient device = RawMqttClient.connect(broker.port(), RawMqttClient.MQTT_5, "esp-5", 30,
                    new RawMqttClient.Will("lab/will/5", "gone", 2));
            long closedAt = System.nanoTime();
            device.close();
            Optional<Mqtt5Publish> will = publishes.receive(15, TimeUnit.SECONDS);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
            assertThat(will).isPresent();
            assertThat(new String(will.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("gone");
            assertThat(waitedMillis).isGreaterThanOrEqualTo(1_900);
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void mqtt5SessionOutlivesTheConnectionUntilItExpires() throws Exception {
        Mqtt5BlockingClient device = Mqtt5Client.builder().identifier("esp-session")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        device.connectWith().cleanStart(true).sessionExpiryInterval(60).send();
        device.subscribeWith().topicFilter("lab/session/cmd").qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();

        Mqtt5BlockingClient sender = Mqtt5Client.builder().identifier("sender")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        sender.connect();
        sender.publishWith().topic("lab/session/cmd").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("reboot")).send();
        sender.disconnect();

        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = device.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5ConnAck connAck = device.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
            assertThat(connAck.isSessionPresent()).isTrue();
            Optional<Mqtt5Publish> queued = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(queued).isPresent();
            assertThat(new String(queued.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("reboot");
        } finally {
            device.disconnect();
        }
    }

    @Test
    void closeRemovesTheTemporaryFolder() {
        EmbeddedBroker second = EmbeddedBroker.start();
        Path root = second.folder();
        assertThat(second.port()).isPositive().isNotEqualTo(broker.port());
        assertThat(root).isDirectory();
        second.close();
        assertThat(Files.exists(root)).isFalse();
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedBroker.start("127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
