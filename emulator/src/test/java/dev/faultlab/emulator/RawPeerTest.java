package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, items 6 and 7 on real sockets: a hand-written peer on loopback accepts the device, answers
 * CONNECT with CONNACK, then sends half a packet, or stops reading.
 */
class RawPeerTest {
    private static final byte[] CONNACK = {0x20, 0x02, 0x00, 0x00};
    /** The first 7 of the 12 bytes of a QoS 0 PUBLISH to {@code t/x} with payload {@code hello}. */
    private static final byte[] HALF_PUBLISH = {0x30, 0x0A, 0x00, 0x03, 't', '/', 'x'};

    private EventLoops loops;
    private ServerSocket server;
    private Device device;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<EspEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        loops = EventLoops.create(1);
        server = new ServerSocket();
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(10_000);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (device != null) {
            device.stop();
        }
        server.close();
        loops.close();
    }

    private Socket connectDevice() throws IOException {
        NettyTransport transport = loops.nextTransport();
        DeviceConfig config = DeviceConfig.builder("127.0.0.1", server.getLocalPort(), 1)
                .timings(Timings.COMPRESSED.withKeepalive(60_000)).autoReconnect(false).build();
        device = new Device(config, transport.scheduler(), transport, new SplittableRandom(1),
                (id, line) -> lines.add(line));
        device.addListener((d, event) -> events.add(event));
        device.start();
        Socket peer = server.accept();
        peer.setSoTimeout(10_000);
        byte[] connect = new byte[256];
        assertThat(peer.getInputStream().read(connect)).isPositive();
        assertThat(connect[0]).isEqualTo((byte) 0x10);
        peer.getOutputStream().write(CONNACK);
        await().until(device::state, DeviceState.CONNECTED::equals);
        return peer;
    }

    @Test
    void halfAPacketThatStallsAbortsAfterAboutOneSecond() throws IOException {
        try (Socket peer = connectDevice()) {
            peer.getOutputStream().write(HALF_PUBLISH);

            await().until(device::state, DeviceState.WAIT_RECONNECT::equals);
            assertThat(lines).anyMatch(l -> l.endsWith("mqtt_client: Network timeout while reading MQTT message"));
            assertThat(events).doesNotHaveAnyElementsOfTypes(EspEvent.Data.class, EspEvent.Error.class);
            assertThat(readToEnd(peer.getInputStream())).as("closed without DISCONNECT").doesNotContain((byte) 0xE0);
        }
    }

    @Test
    void peerThatStopsReadingIsDroppedAfterTheNetworkTimeout() throws IOException {
        try (Socket peer = connectDevice()) {
            byte[] payload = new byte[8 * 1024];
            for (int i = 0; i < 100; i++) {
                device.publish("t/big", payload, 0, false);
            }

            await().until(device::state, DeviceState.WAIT_RECONNECT::equals);
            assertThat(lines).anyMatch(l -> l.contains("E (") && l.endsWith(
                    "mqtt_client: Writing didn't complete in specified timeout"));
            assertThat(events).doesNotHaveAnyElementsOfTypes(EspEvent.Error.class)
                    .endsWith(new EspEvent.Disconnected());
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
