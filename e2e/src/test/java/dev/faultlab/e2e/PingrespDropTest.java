package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Issue item 2: {@code mqtt_drop} of PINGRESP with a 2 s keepalive. The client's PINGREQ goes
 * unanswered, so it gives the connection up itself within its ping timeout (HiveMQ client and Paho
 * both wait one more keepalive for the PINGRESP, so about twice the keepalive after connecting);
 * the events show the PINGREQ, no PINGRESP and a close from the client's side; the broker publishes
 * the will to a subscriber connected straight to it.
 */
@ExtendWith(SharedBrokers.class)
class PingrespDropTest {
    private static final int KEEP_ALIVE = 2;
    /** The ping timeout of both libraries, a keepalive after the unanswered PINGREQ, plus slack. */
    private static final Duration LOST_WITHIN = Duration.ofSeconds(3L * KEEP_ALIVE + 1);
    private static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.UTF_8);
    private static Mosquitto mosquitto;
    private static EmbeddedBroker embedded;

    private final EventLog events = new EventLog();
    private ProxyFixture proxy;
    private TestClient watcher;

    @BeforeAll
    static void brokers(Mosquitto mosquittoBroker, EmbeddedBroker embeddedBroker) {
        mosquitto = mosquittoBroker;
        embedded = embeddedBroker;
    }

    @BeforeEach
    void start() {
        proxy = events.proxies();
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        proxy.close();
    }

    static Stream<Arguments> clientsAndBrokers() {
        return Stream.concat(Stream.of(TestClient.Kind.values()).map(kind -> Arguments.of(kind, "mosquitto")),
                Stream.of(Arguments.of(TestClient.Kind.HIVEMQ_5, "embedded")));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("clientsAndBrokers")
    void withoutPingrespTheClientClosesWithinItsPingTimeoutAndTheWillIsPublished(TestClient.Kind kind,
            String broker) throws Exception {
        String id = "no-pingresp-" + kind.name().toLowerCase() + "-" + broker;
        String topic = "e2e/will/" + id;
        boolean onMosquitto = broker.equals("mosquitto");
        String host = onMosquitto ? mosquitto.host() : embedded.host();
        int port = onMosquitto ? mosquitto.port() : embedded.port();
        watcher = TestClient.Kind.HIVEMQ_3.connect(host, port, TestClient.Options.of(id + "-watcher"));
        watcher.subscribe(topic, 1);
        proxy.proxy("mqtt", host + ":" + port);
        proxy.toxic("mqtt", "no_pingresp", "mqtt_drop", "downstream", Map.of("packets", List.of("PINGRESP")));
        HostPort listen = proxy.listen("mqtt");

        long connected;
        long lost;
        try (TestClient device = kind.connect(listen.host(), listen.port(),
                TestClient.Options.of(id).keepAlive(KEEP_ALIVE).will(topic, OFFLINE, 1))) {
            connected = System.nanoTime();
            device.lost().get(LOST_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            lost = System.nanoTime();
        }
        assertThat(Duration.ofNanos(lost - connected)).as("time until the client gave up")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(KEEP_ALIVE));

        ConnectionEvent.Closed closed = events.awaitClosed(id);
        assertThat(closed.cause()).as("who closed, and why").isEqualTo("client_keepalive");
        assertThat(events.of(PacketEvent.PingRequest.class, p -> p.connection() == closed.connection()))
                .as("PINGREQs the broker got").isNotEmpty();
        assertThat(events.of(PacketEvent.PingResponse.class, p -> p.connection() == closed.connection()))
                .as("PINGRESPs the client got").isEmpty();

        TestClient.Message will = watcher.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(will).as("the will").isNotNull();
        assertThat(will.topic()).isEqualTo(topic);
        assertThat(will.payload()).isEqualTo(OFFLINE);
    }
}
