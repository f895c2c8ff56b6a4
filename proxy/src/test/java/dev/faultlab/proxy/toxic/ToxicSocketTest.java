package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.testing.SinkServer;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each toxic does to a real connection through the proxy, on loopback sockets. */
class ToxicSocketTest {
    private ProxyFixture fixture;
    private SinkServer sink;
    private EchoServer echo;

    @BeforeEach
    void start() throws Exception {
        fixture = new ProxyFixture();
        sink = new SinkServer();
        echo = new EchoServer();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        sink.close();
        echo.close();
    }

    @Test
    void aCounterStreamLosesNothingWhileALatencyIsAddedAndRemovedInALoop() throws Exception {
        ProxyState proxy = fixture.proxy("sink", sink.address());
        byte[] stream = new byte[65535 * 2];
        for (int i = 0; i < 65535; i++) {
            stream[2 * i] = (byte) (i >> 8);
            stream[2 * i + 1] = (byte) i;
        }
        try (Socket socket = fixture.connect(proxy)) {
            int piece = 1310;
            for (int at = 0, round = 0; at < stream.length; at += piece, round++) {
                socket.getOutputStream().write(stream, at, Math.min(piece, stream.length - at));
                if (round % 2 == 0) {
                    fixture.toxic("sink", "lag", "latency", "upstream", Map.of("latency", 3, "jitter", 3));
                } else {
                    fixture.registry().removeToxic("sink", "lag");
                }
            }
            socket.shutdownOutput();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.ended() == 1);
        }
        CRC32 crc = new CRC32();
        crc.update(stream);
        assertThat(sink.received()).isEqualTo(stream.length);
        assertThat(sink.crc()).isEqualTo(crc.getValue());
    }

    @Test
    void bandwidthZeroHoldsEverythingAndReleasesItAllOnRemoval() throws Exception {
        ProxyState proxy = fixture.proxy("sink", sink.address());
        fixture.toxic("sink", "cut", "bandwidth", "upstream", Map.of("rate", 0));
        byte[] payload = new byte[1_000_000];
        new Random(3).nextBytes(payload);
        try (Socket socket = fixture.connect(proxy)) {
            socket.getOutputStream().write(payload);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sink.received() == 0);
            assertThat(fixture.registry().connections("sink")).hasSize(1);
            fixture.registry().removeToxic("sink", "cut");
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.received() == payload.length);
            CRC32 crc = new CRC32();
            crc.update(payload);
            assertThat(sink.crc()).isEqualTo(crc.getValue());
            assertThat(sink.ended()).isZero();
            assertThat(fixture.registry().connections("sink")).hasSize(1);
        }
    }

    @Test
    void timeoutZeroDropsDataKeepsTheConnectionOpenAndItsRemovalClosesIt() throws Exception {
        ProxyState proxy = fixture.proxy("echo", echo.address());
        fixture.toxic("echo", "hole", "timeout", "downstream", Map.of("timeout", 0));
        try (Socket socket = fixture.connect(proxy)) {
            socket.getOutputStream().write("ping".getBytes());
            socket.setSoTimeout(300);
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            assertThat(fixture.registry().connections("echo")).hasSize(1);
            fixture.registry().removeToxic("echo", "hole");
            socket.setSoTimeout(5_000);
            assertThat(in.read()).isEqualTo(-1);
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.registry().connections("echo").isEmpty());
        }
    }

    @Test
    void timeoutClosesTheConnectionAfterItsTime() throws Exception {
        ProxyState proxy = fixture.proxy("echo", echo.address());
        fixture.toxic("echo", "hole", "timeout", "downstream", Map.of("timeout", 200));
        try (Socket socket = fixture.connect(proxy)) {
            long start = System.nanoTime();
            socket.getOutputStream().write("ping".getBytes());
            socket.setSoTimeout(5_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1e6).isBetween(150.0, 1_000.0);
        }
    }

    @Test
    void resetPeerGivesTheClientAConnectionReset() throws Exception {
        ProxyState proxy = fixture.proxy("echo", echo.address());
        fixture.toxic("echo", "rst", "reset_peer", "upstream", Map.of("timeout", 50));
        try (Socket socket = fixture.connect(proxy)) {
            socket.getOutputStream().write("ping".getBytes());
            socket.setSoTimeout(5_000);
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void slowCloseDelaysTheFin() throws Exception {
        ProxyState proxy = fixture.proxy("echo", echo.address());
        fixture.toxic("echo", "slow", "slow_close", "downstream", Map.of("delay", 300));
        try (Socket socket = fixture.connect(proxy)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write('x');
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo('x');
            long start = System.nanoTime();
            socket.shutdownOutput();
            assertThat(in.read()).isEqualTo(-1);
            double millis = (System.nanoTime() - start) / 1e6;
            assertThat(millis).isBetween(295.0, 600.0);
        }
    }

    @Test
    void limitDataPassesExactlyItsBytesThenCloses() throws Exception {
        ProxyState proxy = fixture.proxy("sink", sink.address());
        fixture.toxic("sink", "limit", "limit_data", "upstream", Map.of("bytes", 1000));
        byte[] payload = new byte[5000];
        new Random(5).nextBytes(payload);
        try (Socket socket = fixture.connect(proxy)) {
            socket.getOutputStream().write(payload, 0, 700);
            socket.getOutputStream().write(payload, 700, 4300);
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.ended() == 1);
            assertThat(sink.received()).isEqualTo(1000);
            CRC32 crc = new CRC32();
            crc.update(payload, 0, 1000);
            assertThat(sink.crc()).isEqualTo(crc.getValue());
            assertThat(closedByProxy(socket)).isTrue();
        }
    }

    @Test
    void slicerDeliversEveryByteInOrder() throws Exception {
        ProxyState proxy = fixture.proxy("sink", sink.address());
        fixture.toxic("sink", "slices", "slicer", "upstream",
                Map.of("average_size", 500, "size_variation", 200, "delay", 20));
        byte[] payload = new byte[200_000];
        new Random(9).nextBytes(payload);
        try (Socket socket = fixture.connect(proxy)) {
            socket.getOutputStream().write(payload);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.received() == payload.length);
            CRC32 crc = new CRC32();
            crc.update(payload);
            assertThat(sink.crc()).isEqualTo(crc.getValue());
        }
    }

    /**
     * Whether the proxy closed {@code socket}: a FIN, or a reset, which Linux sends instead when
     * the proxy closes its side with bytes from the client still unread.
     */
    private static boolean closedByProxy(Socket socket) throws Exception {
        socket.setSoTimeout(5_000);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException e) {
            return e.getMessage().contains("reset");
        }
    }
}
