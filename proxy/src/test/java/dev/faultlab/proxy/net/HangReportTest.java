package dev.faultlab.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.metrics.ProxyMetrics;
import dev.faultlab.proxy.testing.MetricsText;
import dev.faultlab.proxy.testing.MqttBytes;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.testing.SinkServer;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients held by hang mode are reported: a {@code hang_accepted} event when taken, a
 * {@code hang_ended} event with the client id of the CONNECT they sent, how long they waited and
 * how it ended, and the {@code faultlab_hanging_clients} and {@code faultlab_hang_wait_seconds}
 * metrics. Real sockets through a real proxy.
 */
class HangReportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final PrometheusRegistry prometheus = new PrometheusRegistry();
    private final List<ProxyEvent> events = new CopyOnWriteArrayList<>();
    private SinkServer broker;
    private ProxyFixture fixture;
    private ProxyState proxy;

    @BeforeEach
    void start() throws Exception {
        broker = new SinkServer();
        ProxyMetrics metrics = new ProxyMetrics(prometheus);
        EventBus bus = new EventBus();
        bus.subscribe(Set.of("hang_accepted", "hang_ended"), events::add);
        fixture = new ProxyFixture(7, metrics, metrics, bus);
        proxy = fixture.proxy("mqtt", broker.address());
        hang(true);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        broker.close();
    }

    @Test
    void aClientThatGivesUpIsReportedWithItsClientIdAndItsWait() throws Exception {
        byte[] connect = MqttBytes.connect(MqttVersion.MQTT_3_1_1, "ESP32_1a2B3C", 10, null);
        try (Socket device = fixture.connect(proxy)) {
            device.getOutputStream().write(connect);
            await().atMost(WAIT).until(() -> hanging() == 1.0);
            assertThat(events).singleElement().isInstanceOf(ConnectionEvent.HangAccepted.class);
        }
        ConnectionEvent.HangAccepted accepted = (ConnectionEvent.HangAccepted) events.get(0);
        assertThat(accepted.proxy()).isEqualTo("mqtt");
        assertThat(accepted.remote()).startsWith("127.0.0.1:");

        ConnectionEvent.HangEnded ended = ended();
        assertThat(ended.clientId()).isEqualTo("ESP32_1a2B3C");
        assertThat(ended.cause()).isEqualTo("client_fin");
        assertThat(ended.bytes()).isEqualTo(connect.length);
        assertThat(ended.connection()).isEqualTo(accepted.connection());
        assertThat(ended.remote()).isEqualTo(accepted.remote());
        MetricsText metrics = MetricsText.scrape(prometheus);
        assertThat(metrics.value("faultlab_hanging_clients", "proxy", "mqtt")).isEqualTo(0.0);
        assertThat(metrics.value("faultlab_hang_wait_seconds_count", "proxy", "mqtt", "cause", "client_fin"))
                .isEqualTo(1.0);
        assertThat(metrics.value("faultlab_hang_wait_seconds_sum", "proxy", "mqtt", "cause", "client_fin"))
                .isBetween(0.0, ended.waitedMillis() / 1000.0 + 0.001);
        assertThat(fixture.registry().connections("mqtt")).isEmpty();
    }

    @Test
    void aResetClientAndAReleasedClientAreToldApart() throws Exception {
        try (Socket reset = fixture.connect(proxy)) {
            await().atMost(WAIT).until(() -> hanging() == 1.0);
            reset.setSoLinger(true, 0);
        }
        assertThat(ended().cause()).isEqualTo("client_rst");

        events.clear();
        try (Socket released = fixture.connect(proxy)) {
            await().atMost(WAIT).until(() -> hanging() == 1.0);
            hang(false);
            assertThat(released.getInputStream().read()).as("closed by the proxy").isEqualTo(-1);
            ConnectionEvent.HangEnded ended = ended();
            assertThat(ended.cause()).isEqualTo("hang_off");
            assertThat(ended.clientId()).as("no CONNECT sent").isNull();
            assertThat(ended.bytes()).isZero();
        }
        assertThat(hanging()).isEqualTo(0.0);
    }

    @Test
    void aDeletedProxyReleasesItsClientsAsStopped() throws Exception {
        try (Socket held = fixture.connect(proxy)) {
            held.getOutputStream().write("not mqtt at all".getBytes(StandardCharsets.US_ASCII));
            await().atMost(WAIT).until(() -> hanging() == 1.0);
            fixture.registry().delete("mqtt");
            ConnectionEvent.HangEnded ended = ended();
            assertThat(ended.cause()).isEqualTo("proxy_stopped");
            assertThat(ended.clientId()).as("not MQTT").isNull();
            assertThat(ended.bytes()).isEqualTo(15);
        }
    }

    private void hang(boolean on) {
        fixture.registry().update("mqtt", new ProxyRequest(null, null, null, null, on));
    }

    private double hanging() {
        Double value = MetricsText.scrape(prometheus).value("faultlab_hanging_clients", "proxy", "mqtt");
        return value == null ? 0.0 : value;
    }

    private ConnectionEvent.HangEnded ended() {
        await().atMost(WAIT).until(() -> events.stream().anyMatch(ConnectionEvent.HangEnded.class::isInstance));
        return events.stream().filter(ConnectionEvent.HangEnded.class::isInstance)
                .map(ConnectionEvent.HangEnded.class::cast).findFirst().orElseThrow();
    }
}
