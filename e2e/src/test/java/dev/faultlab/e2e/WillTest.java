package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.net.CloseCause;
import dev.faultlab.proxy.net.HostPort;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The last will through the proxy, with Mosquitto: a connection the proxy cuts makes the broker
 * publish the client's will to a subscriber; a clean DISCONNECT does not.
 */
class WillTest extends ProxiedMosquittoTest {
    private static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.UTF_8);

    private TestClient subscriber;

    /** Runs before the proxy closes ({@link ProxiedMosquittoTest#stopProxy}). */
    @AfterEach
    void closeSubscriber() {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestClient.Kind.class)
    void aConnectionCutByTheProxyMakesMosquittoPublishTheWill(TestClient.Kind kind) throws Exception {
        String id = "will-cut-" + kind.name().toLowerCase();
        String topic = "e2e/will/" + id;
        subscribe(id, topic);
        HostPort listen = proxy.listen("mqtt");

        try (TestClient device = kind.connect(listen.host(), listen.port(),
                TestClient.Options.of(id).will(topic, OFFLINE, 1))) {
            PacketEvent.Connect connect = events.await(PacketEvent.Connect.class, c -> id.equals(c.clientId()));
            assertThat(connect.willTopic()).isEqualTo(topic);
            assertThat(connect.willQos()).isEqualTo(1);
            ProxyConnections.of(proxy, "mqtt", id).closeAsync(CloseCause.API_CUT, true);

            TestClient.Message will = subscriber.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(will).as("the will").isNotNull();
            assertThat(will.topic()).isEqualTo(topic);
            assertThat(will.payload()).isEqualTo(OFFLINE);
            assertThat(device.lost()).as("the device noticed").succeedsWithin(TestClient.TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
        }
        assertThat(events.awaitClosed(id).cause()).isEqualTo("api_cut");
    }

    @ParameterizedTest
    @EnumSource(TestClient.Kind.class)
    void aCleanDisconnectPublishesNoWill(TestClient.Kind kind) throws Exception {
        String id = "will-clean-" + kind.name().toLowerCase();
        String topic = "e2e/will/" + id;
        subscribe(id, topic);
        HostPort listen = proxy.listen("mqtt");

        try (TestClient device = kind.connect(listen.host(), listen.port(),
                TestClient.Options.of(id).will(topic, OFFLINE, 1))) {
            device.disconnect();
        }
        ConnectionEvent.Closed closed = events.awaitClosed(id);
        assertThat(events.of(PacketEvent.Disconnect.class, d -> d.connection() == closed.connection())).hasSize(1);
        // Mosquitto closed its side, so it has handled the DISCONNECT: a will would be queued before this.
        byte[] marker = "marker".getBytes(StandardCharsets.UTF_8);
        subscriber.publish(topic, marker, 1);

        TestClient.Message first = subscriber.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(first).as("the marker").isNotNull();
        assertThat(first.payload()).as("first message on the will topic").isEqualTo(marker);
    }

    /** A watcher connected straight to Mosquitto, subscribed to the will topic. */
    private void subscribe(String id, String topic) throws Exception {
        subscriber = TestClient.Kind.HIVEMQ_3.connect(mosquitto.host(), mosquitto.port(),
                TestClient.Options.of(id + "-watcher"));
        subscriber.subscribe(topic, 1);
    }
}
