package dev.faultlab.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.MetricsText;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.events.EventBus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {
    private final PrometheusRegistry prometheus = new PrometheusRegistry();
    private EchoServer echo;
    private ProxyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        ProxyMetrics metrics = new ProxyMetrics(prometheus);
        EventBus events = new EventBus();
        events.subscribe(ProxyMetrics.EVENT_TYPES, metrics::onEvent);
        fixture = new ProxyFixture(42, metrics, metrics, events);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        echo.close();
    }

    @Test
    void byteCountersMoveWhileTheConnectionLives() throws Exception {
        ProxyState proxy = fixture.proxy("echo", echo.address());
        String listen = fixture.registry().get("echo").listen();
        try (Socket socket = fixture.connect(proxy)) {
            socket.getOutputStream().write(new byte[1000]);
            socket.getInputStream().readNBytes(1000);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                MetricsText text = MetricsText.scrape(prometheus);
                String[] up = {"direction", "upstream", "proxy", "echo", "listener", listen, "upstream", echo.address()};
                assertThat(text.value("toxiproxy_proxy_received_bytes_total", up)).isEqualTo(1000.0);
                assertThat(text.value("toxiproxy_proxy_sent_bytes_total", up)).isEqualTo(1000.0);
                assertThat(text.value("toxiproxy_proxy_received_bytes_total", "direction", "downstream")).isEqualTo(1000.0);
                assertThat(text.value("toxiproxy_proxy_sent_bytes_total", "direction", "downstream")).isEqualTo(1000.0);
                assertThat(text.value("faultlab_connections_active", "proxy", "echo")).isEqualTo(1.0);
            });
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            MetricsText text = MetricsText.scrape(prometheus);
            assertThat(text.value("faultlab_connections_active", "proxy", "echo")).isEqualTo(0.0);
            assertThat(text.value("faultlab_connections_opened_total", "proxy", "echo")).isEqualTo(1.0);
            assertThat(text.value("faultlab_connections_closed_total", "proxy", "echo", "cause", "client_fin"))
                    .isEqualTo(1.0);
        });
    }

    @Test
    void rawAndMalformedStreamsAreCounted() throws Exception {
        ProxyState proxy = fixture.proxy("echo", echo.address());
        try (Socket http = fixture.connect(proxy)) {
            http.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            http.getInputStream().readNBytes(18);
        }
        byte[] connect = {0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 0};
        byte[] garbage = {0x00, 0x00};
        try (Socket mqtt = fixture.connect(proxy)) {
            mqtt.getOutputStream().write(connect);
            mqtt.getOutputStream().write(garbage);
            assertThat(mqtt.getInputStream().readNBytes(connect.length + garbage.length))
                    .as("malformed bytes still cross the proxy").hasSize(connect.length + garbage.length);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            MetricsText text = MetricsText.scrape(prometheus);
            assertThat(text.value("faultlab_raw_streams_total", "proxy", "echo", "direction", "upstream",
                    "malformed", "false")).isEqualTo(1.0);
            assertThat(text.value("faultlab_raw_streams_total", "proxy", "echo", "direction", "upstream",
                    "malformed", "true")).isEqualTo(1.0);
        });
    }

    @Test
    void anUnreachableUpstreamClosesTheClientAndIsCounted() throws Exception {
        int closedPort;
        try (EchoServer gone = new EchoServer()) {
            closedPort = gone.port();
        }
        ProxyState proxy = fixture.proxy("nowhere", "127.0.0.1:" + closedPort);
        try (Socket socket = fixture.connect(proxy)) {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(MetricsText.scrape(prometheus)
                .value("faultlab_connections_closed_total", "proxy", "nowhere", "cause", "upstream_unreachable"))
                .isEqualTo(1.0));
    }
}
