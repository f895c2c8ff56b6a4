package dev.faultlab.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.metrics.ProxyMetrics;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.MetricsText;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.testing.SinkServer;
import dev.faultlab.proxy.testing.SourceServer;
import io.netty.channel.epoll.Epoll;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The peers' windows and the proxy's unacknowledged bytes ({@link TcpWindows}) over real sockets:
 * in the connection snapshot and as the {@code faultlab_peer_window_bytes} and
 * {@code faultlab_backlog_bytes} gauges, on epoll (read from TCP_INFO) and on NIO (unknown).
 */
class TcpWindowsSocketTest {
    private static final int CLIENT_BUFFER = 4096;

    private final PrometheusRegistry prometheus = new PrometheusRegistry();
    private ProxyFixture fixture;
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        writer.shutdownNow();
        fixture.close();
    }

    @Test
    void anIdleConnectionShowsOpenWindowsAndNoBacklogBothWays() throws Exception {
        try (EchoServer echo = new EchoServer();
             Socket client = connect(start(Transport.best(), "idle", echo.address()))) {
            client.getOutputStream().write(new byte[1000]);
            assertThat(client.getInputStream().readNBytes(1000)).hasSize(1000);

            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                TcpWindows tcp = windows();
                assertThat(tcp.backlogUp()).isZero();
                assertThat(tcp.backlogDown()).isZero();
                assertThat(tcp.windowUp()).isPositive();
                assertThat(tcp.windowDown()).isPositive();
            });
            MetricsText scraped = MetricsText.scrape(prometheus);
            assertThat(scraped.value("faultlab_backlog_bytes", "proxy", "idle", "direction", "upstream")).isZero();
            assertThat(scraped.value("faultlab_backlog_bytes", "direction", "downstream")).isZero();
            assertThat(scraped.value("faultlab_peer_window_bytes", "client_id", "", "direction", "upstream"))
                    .isPositive();
            assertThat(scraped.value("faultlab_peer_window_bytes", "direction", "downstream")).isPositive();
        }
    }

    @Test
    void aClientThatStopsReadingClosesItsWindowAndTheBacklogTowardsItGrowsUntilItReads() throws Exception {
        int total = 1024 * 1024;
        try (SourceServer source = new SourceServer(total);
             Socket client = connect(start(Transport.best(), "slow-reader", source.address()))) {
            await().atMost(Duration.ofSeconds(3)).until(() -> windows().windowDown() == 0);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(3)).until(() -> {
                TcpWindows tcp = windows();
                return tcp.windowDown() == 0 && tcp.backlogDown() > CLIENT_BUFFER;
            });
            MetricsText scraped = MetricsText.scrape(prometheus);
            assertThat(scraped.value("faultlab_peer_window_bytes", "direction", "downstream")).isZero();
            assertThat(scraped.value("faultlab_backlog_bytes", "direction", "downstream"))
                    .isGreaterThan(CLIENT_BUFFER);

            assertThat(client.getInputStream().readNBytes(total)).hasSize(total);

            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                TcpWindows tcp = windows();
                assertThat(tcp.backlogDown()).isZero();
                assertThat(tcp.windowDown()).isPositive();
            });
        }
    }

    @Test
    void aBrokerThatStopsReadingClosesTheUpstreamWindowAndTheBacklogTowardsItGrows() throws Exception {
        try (SinkServer stalled = new SinkServer(false);
             Socket client = connect(start(Transport.best(), "stalled-broker", stalled.address()))) {
            writer.execute(() -> writeUntilClosed(client));

            await().atMost(Duration.ofSeconds(4)).until(() -> {
                TcpWindows tcp = windows();
                return tcp.windowUp() == 0 && tcp.backlogUp() > 0;
            });
            assertThat(MetricsText.scrape(prometheus).value("faultlab_backlog_bytes", "direction", "upstream"))
                    .isPositive();
        }
    }

    @Test
    void withoutClientIdTheConnectionsOfAProxyMakeOneSeriesWithTheirSum() throws Exception {
        try (EchoServer echo = new EchoServer();
             Socket first = connect(start(Transport.best(), "fleet", echo.address(), false));
             Socket second = connect(fixture.registry().get("fleet"))) {
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                long sum = 0;
                for (Connection connection : fixture.registry().connections()) {
                    sum += connection.snapshot().get(3, TimeUnit.SECONDS).windows().windowDown();
                }
                MetricsText scraped = MetricsText.scrape(prometheus);
                assertThat(scraped.value("faultlab_peer_window_bytes", "direction", "downstream"))
                        .isEqualTo((double) sum);
                assertThat(scraped.toString())
                        .contains("faultlab_peer_window_bytes{direction=\"downstream\",proxy=\"fleet\"}");
            });
        }
    }

    @Test
    void onNioTheValuesAreUnknownAndMakeNoSeries() throws Exception {
        try (EchoServer echo = new EchoServer();
             Socket client = connect(start(Transport.nio(), "nio", echo.address()))) {
            client.getOutputStream().write(new byte[100]);
            assertThat(client.getInputStream().readNBytes(100)).hasSize(100);

            ConnectionSnapshot snapshot = snapshot();
            assertThat(snapshot.downSent()).isEqualTo(100);
            assertThat(snapshot.windows()).isEqualTo(new TcpWindows(null, null, null, null));
            MetricsText scraped = MetricsText.scrape(prometheus);
            assertThat(scraped.value("faultlab_peer_window_bytes")).isNull();
            assertThat(scraped.value("faultlab_backlog_bytes")).isNull();
        }
    }

    private ProxyState start(Transport transport, String name, String upstream) {
        return start(transport, name, upstream, true);
    }

    private ProxyState start(Transport transport, String name, String upstream, boolean withClientId) {
        if (!transport.name().equals("nio")) {
            assumeThat(Epoll.isAvailable()).as("TCP_INFO needs Linux epoll").isTrue();
        }
        ProxyMetrics metrics = new ProxyMetrics(prometheus, withClientId);
        fixture = new ProxyFixture(transport, metrics, metrics);
        metrics.watch(fixture.registry());
        return fixture.proxy(name, upstream);
    }

    /** A client with a small receive buffer (set before connecting, so the window scale fits it). */
    private Socket connect(ProxyState proxy) throws IOException {
        HostPort listen = fixture.listen(proxy.name());
        int before = fixture.registry().connections().size();
        Socket client = new Socket();
        client.setReceiveBufferSize(CLIENT_BUFFER);
        client.connect(new InetSocketAddress(listen.host(), listen.port()), 3000);
        await().atMost(Duration.ofSeconds(3)).until(() -> fixture.registry().connections().size() == before + 1);
        return client;
    }

    private ConnectionSnapshot snapshot() throws Exception {
        return fixture.registry().connections().get(0).snapshot().get(3, TimeUnit.SECONDS);
    }

    private TcpWindows windows() throws Exception {
        return snapshot().windows();
    }

    private static void writeUntilClosed(Socket client) {
        byte[] chunk = new byte[64 * 1024];
        try {
            OutputStream out = client.getOutputStream();
            while (!Thread.currentThread().isInterrupted()) {
                out.write(chunk);
            }
        } catch (IOException closed) {
            Thread.currentThread().interrupt();
        }
    }
}
