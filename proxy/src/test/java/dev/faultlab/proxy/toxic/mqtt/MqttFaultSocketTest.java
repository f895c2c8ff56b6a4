package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.testing.SinkServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The faults through a real proxy, with real sockets and a real MQTT client, on loopback. */
class MqttFaultSocketTest {
    private final ProxyFixture fixture = new ProxyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anMqtt311ClientIsRefusedWithExactlyTheCodeAndTheBrokerSeesNothing() throws IOException {
        try (SinkServer broker = new SinkServer()) {
            fixture.proxy("mqtt", broker.address());
            fixture.toxic("mqtt", "refuse", "mqtt_connack", "upstream", Map.of("code", 5));
            HostPort listen = HostPort.parse(fixture.registry().get("mqtt").listen());

            assertThatThrownBy(() -> MqttClient.builder().useMqttVersion3().identifier("ESP32_1a2B3C")
                    .serverHost(listen.host()).serverPort(listen.port()).buildBlocking().connect())
                    .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage()
                            .getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED));
            assertThat(broker.received()).isZero();
        }
    }

    @Test
    void anMqtt5ClientGetsTheMatchingReasonCode() throws IOException {
        try (SinkServer broker = new SinkServer()) {
            fixture.proxy("mqtt", broker.address());
            fixture.toxic("mqtt", "refuse", "mqtt_connack", "upstream", Map.of("code", 5));
            HostPort listen = HostPort.parse(fixture.registry().get("mqtt").listen());

            assertThatThrownBy(() -> MqttClient.builder().useMqttVersion5().identifier("v5")
                    .serverHost(listen.host()).serverPort(listen.port()).buildBlocking().connect())
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage()
                            .getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
            assertThat(broker.received()).isZero();
        }
    }

    @Test
    void zeroWindowStallsTheSenderAndRemovalResumesWithNothingLost() throws Exception {
        int total = 32 * 1024 * 1024;
        try (SinkServer broker = new SinkServer()) {
            ProxyState proxy = fixture.proxy("tcp", broker.address());
            fixture.toxic("tcp", "stall", "zero_window", "upstream", Map.of());
            AtomicLong written = new AtomicLong();
            CRC32 sent = new CRC32();
            try (Socket socket = fixture.connect(proxy)) {
                Thread writer = new Thread(() -> write(socket, total, written, sent), "zero-window-writer");
                writer.start();
                long[] last = {-1};
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    long now = written.get();
                    boolean still = now == last[0];
                    last[0] = now;
                    return still;
                });
                assertThat(written.get()).isLessThan(total);
                long stalledAt = broker.received();

                fixture.registry().removeToxic("tcp", "stall");
                writer.join(Duration.ofSeconds(20).toMillis());
                await().atMost(Duration.ofSeconds(20)).until(() -> broker.received() == total);
                assertThat(stalledAt).isLessThan(total);
                assertThat(broker.crc()).isEqualTo(sent.getValue());
            }
        }
    }

    @Test
    void halfOpenKeepsBothSocketsOpenAndSilentUntilRemoved() throws IOException {
        try (EchoServer echo = new EchoServer()) {
            ProxyState proxy = fixture.proxy("echo", echo.address());
            try (Socket socket = fixture.connect(proxy)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write("before".getBytes());
                assertThat(in.readNBytes(6)).isEqualTo("before".getBytes());

                fixture.toxic("echo", "wifi", "half_open", "downstream", Map.of());
                out.write("lost".getBytes());
                socket.setSoTimeout(300);
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
                assertThat(fixture.registry().connections("echo")).hasSize(1);

                fixture.registry().removeToxic("echo", "wifi");
                socket.setSoTimeout(10_000);
                out.write("after".getBytes());
                assertThat(in.readNBytes(5)).isEqualTo("after".getBytes());
            }
        }
    }

    @Test
    void halfOpenSilencesTheFinOfEitherSideWhicheverStreamItIsOn() throws IOException {
        try (SinkServer sink = new SinkServer()) {
            ProxyState proxy = fixture.proxy("sink", sink.address());
            fixture.toxic("sink", "wifi", "half_open", "downstream", Map.of());
            try (Socket socket = fixture.connect(proxy)) {
                socket.shutdownOutput();
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                        .until(() -> sink.ended() == 0);
            }
        }
    }

    @Test
    void hangModeAcceptsNewClientsNeverAnswersThemAndNeverConnectsUpstream() throws IOException {
        try (ServerSocket broker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger upstreamConnections = new AtomicInteger();
            Thread acceptor = new Thread(() -> acceptAll(broker, upstreamConnections), "broker-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            ProxyState proxy = fixture.proxy("mqtt", "127.0.0.1:" + broker.getLocalPort());
            fixture.registry().update("mqtt", new ProxyRequest(null, null, null, null, true));
            assertThat(fixture.registry().get("mqtt").hang()).isTrue();

            try (Socket socket = fixture.connect(proxy); MqttWire wire = MqttWire.upstream()) {
                socket.getOutputStream().write(wire.encode(MqttWire.connect(4, "ESP32_1a2B3C")));
                socket.setSoTimeout(300);
                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                assertThat(upstreamConnections).hasValue(0);
                assertThat(fixture.registry().connections("mqtt")).isEmpty();

                fixture.registry().update("mqtt", new ProxyRequest(null, null, null, null, false));
                socket.setSoTimeout(10_000);
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket socket = fixture.connect(proxy)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> upstreamConnections.get() == 1);
                assertThat(socket.isConnected()).isTrue();
            }
        }
    }

    private static void write(Socket socket, int total, AtomicLong written, CRC32 crc) {
        byte[] block = new byte[64 * 1024];
        try {
            OutputStream out = socket.getOutputStream();
            for (int at = 0; at < total; at += block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) ((at + i) * 31);
                }
                out.write(block);
                crc.update(block);
                written.addAndGet(block.length);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void acceptAll(ServerSocket server, AtomicInteger count) {
        List<Socket> open = new ArrayList<>();
        try {
            while (true) {
                open.add(server.accept());
                count.incrementAndGet();
            }
        } catch (IOException closed) {
            for (Socket socket : open) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing after the test
                }
            }
        }
    }
}
