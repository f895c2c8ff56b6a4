package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code receive_buffer} on real sockets: a device that stops reading takes only about its receive
 * buffer (plus the peer's small send buffer) before the peer can write no more; with the system's
 * default buffer (128 KiB and more on Linux) it takes many times that.
 */
class ReceiveBufferTest {
    private static final byte[] CONNACK = {0x20, 0x02, 0x00, 0x00};
    /** ESP-IDF's {@code CONFIG_LWIP_TCP_WND_DEFAULT}. */
    private static final int LWIP_WINDOW = 5760;
    private static final int PEER_SEND_BUFFER = 4096;
    /** Rounds in a row without a byte written before the peer counts as blocked. */
    private static final int BLOCKED_ROUNDS = 5;

    private EventLoops loops;
    private ServerSocketChannel server;
    private Device device;

    @BeforeEach
    void setUp() throws IOException {
        loops = EventLoops.create(1);
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void tearDown() throws IOException {
        if (device != null) {
            device.stop();
        }
        server.close();
        loops.close();
    }

    @Test
    void anLwipSizedBufferClosesTheWindowAfterAFewKilobytes() throws IOException {
        assertThat(bytesTakenWhileNotReading(LWIP_WINDOW)).isPositive().isLessThan(64 * 1024);
    }

    @Test
    void theSystemDefaultTakesFarMore() throws IOException {
        assertThat(bytesTakenWhileNotReading(0)).isGreaterThan(64 * 1024);
    }

    /**
     * Connects a device with {@code receiveBuffer}, stops its reading, writes at it until blocked. The
     * QoS 0 publish after the pause runs on the device's loop after it, so no byte is read past it.
     */
    private long bytesTakenWhileNotReading(int receiveBuffer) throws IOException {
        NettyTransport transport = loops.nextTransport();
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        DeviceConfig config = DeviceConfig.builder("127.0.0.1", port, 1).receiveBuffer(receiveBuffer)
                .timings(Timings.COMPRESSED.withKeepalive(60_000)).autoReconnect(false).build();
        device = new Device(config, transport.scheduler(), transport, new SplittableRandom(1), (id, line) -> { });
        device.start();
        try (SocketChannel peer = server.accept()) {
            peer.setOption(StandardSocketOptions.SO_SNDBUF, PEER_SEND_BUFFER);
            assertThat(peer.read(ByteBuffer.allocate(256))).as("the CONNECT").isPositive();
            peer.write(ByteBuffer.wrap(CONNACK));
            await().until(device::state, DeviceState.CONNECTED::equals);
            device.reading(false);
            device.publish("t/barrier", new byte[0], 0, false).join();
            peer.configureBlocking(false);
            Writer writer = new Writer(peer);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(writer::blocked);
            return writer.total;
        }
    }

    /** Writes whatever the peer's socket takes; blocked after {@link #BLOCKED_ROUNDS} rounds without a byte. */
    private static final class Writer {
        private final SocketChannel channel;
        private final ByteBuffer chunk = ByteBuffer.allocate(4096);
        private long total;
        private int idle;

        Writer(SocketChannel channel) {
            this.channel = channel;
        }

        boolean blocked() throws IOException {
            long before = total;
            int written;
            do {
                chunk.clear();
                written = channel.write(chunk);
                total += written;
            } while (written > 0);
            idle = total == before ? idle + 1 : 0;
            return idle >= BLOCKED_ROUNDS;
        }
    }
}
