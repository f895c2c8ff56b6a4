package dev.faultlab.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.MetricsText;
import dev.faultlab.proxy.testing.ProxyFixture;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.Socket;
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
        fixture = new ProxyFixture(metrics, metrics);
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
