package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.proxy.api.ApiServer;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.WillEvent;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.MetricsText;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.will.WillMetrics;
import dev.faultlab.proxy.will.WillWatcher;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5, test 2: the will watcher with Mosquitto and with the embedded HiveMQ broker. A device
 * (HiveMQ client, keepalive K = 2 s, a will) through the proxy; the watcher is subscribed to its
 * will topic at the broker. A FIN cut makes the broker publish the will at once; under
 * {@code half_open} the broker gives up after 1.5·K while the proxy still holds the connection
 * open; a clean DISCONNECT brings no will; neither a stale retained will nor the device's own
 * "online" on its will topic is a will. Events
 * and the scraped {@code /metrics} both say so.
 */
@ExtendWith(SharedBrokers.class)
class WillWatcherTest {
    private static final int KEEP_ALIVE = 2;
    private static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.UTF_8);

    /**
     * The brokers under test, with how late past 1.5·K each may notice a silent client: HiveMQ
     * times each connection exactly; Mosquitto 2.0 (before 2.0.21) checks every client's keepalive
     * only every 6 s, in whole seconds, so its will comes up to 1.5·K + 8 s after the silence.
     */
    enum Broker {
        MOSQUITTO(8_000),
        HIVEMQ(1_000);

        final double lateMillis;

        Broker(double lateMillis) {
            this.lateMillis = lateMillis;
        }
    }

    private final EventLog events = new EventLog();
    private final HttpClient http = HttpClient.newHttpClient();
    private Mosquitto mosquitto;
    private EmbeddedBroker hivemq;
    private String upstream;
    private ProxyFixture proxy;
    private WillWatcher watcher;
    private ApiServer api;

    @BeforeEach
    void brokers(Mosquitto mosquitto, EmbeddedBroker hivemq) {
        this.mosquitto = mosquitto;
        this.hivemq = hivemq;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void aFinCutBringsTheWillAtOnce(Broker broker) throws Exception {
        String id = start(broker, "will-fin");
        String topic = "e2e/watch/" + id;
        try (TestClient device = device(id, topic)) {
            assertThat(scrape().value("faultlab_will_registered", "client_id", id)).isEqualTo(1.0);
            assertThat(delete("/connections/" + id + "?mode=fin")).isEqualTo(204);

            WillEvent will = events.await(WillEvent.class, w -> id.equals(w.clientId()));
            assertThat(will.connectionAlive()).isFalse();
            assertThat(will.loss()).isEqualTo("api_cut");
            assertThat(will.latencyMillis()).isNotNull().isBetween(0.0, 500.0);
            assertThat(will.topic()).isEqualTo(topic);
            assertThat(will.payloadSize()).isEqualTo(OFFLINE.length);
            assertThat(will.qos()).isEqualTo(1);
        }
        MetricsText metrics = scrape();
        assertThat(metrics.value("faultlab_will_published_total", "client_id", id, "connection_alive", "false"))
                .isEqualTo(1.0);
        assertThat(metrics.value("faultlab_will_latency_seconds_bucket", "client_id", id, "le", "0.5"))
                .isEqualTo(1.0);
        assertThat(metrics.value("faultlab_will_registered", "client_id", id)).isEqualTo(0.0);
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void underHalfOpenTheWillComesAfterOneAndAHalfKeepalivesWhileTheConnectionLooksAlive(Broker broker)
            throws Exception {
        String id = start(broker, "will-half-open");
        String topic = "e2e/watch/" + id;
        try (TestClient device = device(id, topic)) {
            proxy.toxic("mqtt", "wifi_drop", "half_open", "downstream", Map.of());

            WillEvent will = events.await(WillEvent.class, w -> id.equals(w.clientId()));
            assertThat(will.connectionAlive()).as("the proxy still holds the connection").isTrue();
            assertThat(will.loss()).isEqualTo("fault_applied:wifi_drop");
            double expected = 1.5 * KEEP_ALIVE * 1000;
            assertThat(will.latencyMillis()).as("1.5 × K from the fault")
                    .isNotNull().isBetween(expected - 1000, expected + broker.lateMillis);
            MetricsText metrics = scrape();
            assertThat(metrics.value("faultlab_will_published_total", "client_id", id, "connection_alive", "true"))
                    .isEqualTo(1.0);
            assertThat(metrics.value("faultlab_will_latency_seconds_bucket", "client_id", id, "le", "2.0"))
                    .isEqualTo(0.0);
            assertThat(metrics.value("faultlab_will_latency_seconds_count", "client_id", id)).isEqualTo(1.0);
            assertThat(metrics.value("faultlab_will_latency_seconds_sum", "client_id", id))
                    .isCloseTo(will.latencyMillis() / 1000, within(0.001));
        }
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void aCleanDisconnectBringsNoWillAndUnregisters(Broker broker) throws Exception {
        String id = start(broker, "will-clean");
        String topic = "e2e/watch/" + id;
        HostPort direct = direct(broker);
        try (TestClient subscriber = TestClient.Kind.HIVEMQ_3.connect(direct.host(), direct.port(),
                TestClient.Options.of(id + "-subscriber"))) {
            subscriber.subscribe(topic, 1);
            try (TestClient device = device(id, topic)) {
                device.disconnect();
            }
            await().atMost(EventLog.WAIT).until(() -> scrape().value("faultlab_will_registered", "client_id", id),
                    value -> value != null && value == 0.0);
            byte[] marker = "marker".getBytes(StandardCharsets.UTF_8);
            subscriber.publish(topic, marker, 1);

            TestClient.Message first = subscriber.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(first).as("the marker").isNotNull();
            assertThat(first.payload()).as("the first message on the will topic").isEqualTo(marker);
            assertThat(events.of(WillEvent.class, w -> id.equals(w.clientId()))).as("will events").isEmpty();
            assertThat(scrape().value("faultlab_will_published_total", "client_id", id)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void theDevicesOwnOnlineOnItsWillTopicIsNoWill(Broker broker) throws Exception {
        String id = start(broker, "will-online");
        String topic = "e2e/watch/" + id;
        try (TestClient device = device(id, topic)) {
            device.publish(topic, "online".getBytes(StandardCharsets.UTF_8), 1);
            assertThat(delete("/connections/" + id + "?mode=fin")).isEqualTo(204);

            WillEvent will = events.await(WillEvent.class, w -> id.equals(w.clientId()));
            assertThat(will.payloadSize()).isEqualTo(OFFLINE.length);
            assertThat(will.connectionAlive()).isFalse();
            assertThat(will.loss()).isEqualTo("api_cut");
            assertThat(events.of(WillEvent.class, w -> topic.equals(w.topic())))
                    .as("the online before the will, looked at first, was no will").hasSize(1);
        }
        assertThat(scrape().value("faultlab_will_published_total", "client_id", id, "connection_alive", "false"))
                .isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void aStaleRetainedWillIsNotAFreshOne(Broker broker) throws Exception {
        String id = start(broker, "will-retained");
        String topic = "e2e/watch/" + id;
        byte[] stale = "offline since yesterday".getBytes(StandardCharsets.UTF_8);
        retain(broker, topic, stale);
        try (TestClient device = device(id, topic)) {
            assertThat(delete("/connections/" + id + "?mode=fin")).isEqualTo(204);

            WillEvent will = events.await(WillEvent.class, w -> id.equals(w.clientId()));
            assertThat(will.payloadSize()).as("the fresh will's payload").isEqualTo(OFFLINE.length);
            assertThat(events.of(WillEvent.class, w -> topic.equals(w.topic()))).hasSize(1);
            assertThat(scrape().value("faultlab_will_published_total", "client_id", id)).isEqualTo(1.0);
        } finally {
            retain(broker, topic, new byte[0]);
        }
    }

    /** The proxy in front of {@code broker}, its watcher and its API; the client id to use. */
    private String start(Broker broker, String name) throws Exception {
        upstream = direct(broker).toString();
        EventBus bus = new EventBus();
        bus.subscribe(events);
        proxy = new ProxyFixture(bus);
        proxy.proxy("mqtt", upstream);
        PrometheusRegistry prometheus = new PrometheusRegistry();
        watcher = new WillWatcher(bus, proxy.registry(), new WillMetrics(prometheus, true),
                WillWatcher.Options.defaults());
        api = new ApiServer(proxy.registry(), prometheus, ApiServer.Options.defaults("test"));
        api.start("127.0.0.1", 0);
        return name + "-" + broker.name().toLowerCase(Locale.ROOT);
    }

    private HostPort direct(Broker broker) {
        return broker == Broker.MOSQUITTO ? new HostPort(mosquitto.host(), mosquitto.port())
                : new HostPort(hivemq.host(), hivemq.port());
    }

    /** The device through the proxy, once the watcher's subscription to its will topic is in place. */
    private TestClient device(String id, String topic) throws Exception {
        HostPort listen = proxy.listen("mqtt");
        TestClient device = TestClient.Kind.HIVEMQ_3.connect(listen.host(), listen.port(),
                TestClient.Options.of(id).keepAlive(KEEP_ALIVE).will(topic, OFFLINE, 1));
        await().atMost(EventLog.WAIT).until(() -> watcher.watching(upstream, topic));
        return device;
    }

    /** Leaves {@code payload} as the broker's retained message on {@code topic} (empty: clears it). */
    private void retain(Broker broker, String topic, byte[] payload) {
        HostPort direct = direct(broker);
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("retainer-" + topic.hashCode())
                .serverHost(direct.host()).serverPort(direct.port()).buildBlocking();
        client.connect();
        try {
            client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        } finally {
            client.disconnect();
        }
    }

    private MetricsText scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return MetricsText.of(response.body());
    }

    private int delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
