package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real clients (HiveMQ 3.1.1 and 5, Paho 3.1.1) through the proxy to real brokers (Mosquitto, the
 * embedded HiveMQ CE): they connect, subscribe, publish at QoS 0, 1 and 2 and get their messages
 * back, and the proxy's tracker tells the whole conversation under the right client id.
 */
@ExtendWith(SharedBrokers.class)
class RealClientsTest {
    private static String mosquitto;
    private static String embedded;

    private final EventLog events = new EventLog();
    private ProxyFixture proxy;

    @BeforeAll
    static void brokers(Mosquitto mosquittoBroker, EmbeddedBroker embeddedBroker) {
        mosquitto = mosquittoBroker.address();
        embedded = embeddedBroker.address();
    }

    @BeforeEach
    void start() {
        proxy = events.proxies();
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    static Stream<Arguments> clientsAndBrokers() {
        return Stream.of("mosquitto", "embedded").flatMap(broker -> Stream.of(TestClient.Kind.values())
                .map(kind -> Arguments.of(kind, broker)));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("clientsAndBrokers")
    void publishAndReceiveAtEveryQos(TestClient.Kind kind, String broker) throws Exception {
        proxy.proxy("mqtt", broker.equals("mosquitto") ? mosquitto : embedded);
        HostPort listen = proxy.listen("mqtt");
        String id = "real-" + kind.name().toLowerCase() + "-" + broker;
        String topic = "e2e/" + id;

        try (TestClient client = kind.connect(listen.host(), listen.port(), TestClient.Options.of(id))) {
            client.subscribe(topic + "/#", 2);
            for (int qos = 0; qos <= 2; qos++) {
                client.publish(topic + "/q" + qos, ("qos " + qos).getBytes(StandardCharsets.UTF_8), qos);
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestClient.Message message = client.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertThat(message).as("message %d of 3", i + 1).isNotNull();
                got.add(message.topic() + "=" + new String(message.payload(), StandardCharsets.UTF_8) + "@"
                        + message.qos());
            }
            assertThat(got).containsExactlyInAnyOrder(topic + "/q0=qos 0@0", topic + "/q1=qos 1@1",
                    topic + "/q2=qos 2@2");
            // Clients hand a message over before acknowledging it: let the last acks pass before leaving.
            for (String ack : List.of("PUBACK", "PUBCOMP")) {
                events.await(PacketEvent.Ack.class, a -> a.direction().equals("downstream") && a.packet().equals(ack));
            }
            client.disconnect();
        }

        ConnectionEvent.Closed closed = events.awaitClosed(id);
        assertThat(events.of(ProxyEvent.class, e -> e.connection() == closed.connection()
                && !(e instanceof ConnectionEvent.Opened)))
                .as("every event of the session names the client").allSatisfy(e -> assertThat(e.clientId())
                        .isEqualTo(id));
        assertThat(events.of(PacketEvent.Connect.class)).singleElement()
                .satisfies(c -> assertThat(c.version()).isEqualTo(kind.version()));
        assertThat(events.of(PacketEvent.Connack.class)).singleElement()
                .satisfies(c -> assertThat(c.code()).isZero());
        assertThat(events.of(PacketEvent.Subscribe.class)).singleElement()
                .satisfies(s -> assertThat(s.filters()).containsExactly(topic + "/#"));
        assertThat(events.of(PacketEvent.Suback.class)).singleElement()
                .satisfies(s -> assertThat(s.code()).isEqualTo(2));
        for (String direction : List.of("upstream", "downstream")) {
            assertThat(events.of(PacketEvent.Publish.class, p -> p.direction().equals(direction)))
                    .as("%s publishes", direction).extracting(PacketEvent.Publish::qos)
                    .containsExactlyInAnyOrder(0, 1, 2);
            assertThat(events.of(PacketEvent.Ack.class, a -> a.direction().equals(direction)))
                    .as("%s acks, each matched to its publish", direction)
                    .allSatisfy(a -> assertThat(a.latencyMillis()).isNotNull().isNotNegative())
                    .extracting(PacketEvent.Ack::packet)
                    .containsExactlyInAnyOrder("PUBACK", "PUBREC", "PUBREL", "PUBCOMP");
        }
        assertThat(events.of(PacketEvent.Ack.class)).filteredOn(a -> a.packet().equals("PUBCOMP"))
                .allSatisfy(a -> assertThat(a.inflight()).isZero());
        assertThat(events.of(PacketEvent.Disconnect.class, d -> d.direction().equals("upstream"))).hasSize(1);
    }
}
