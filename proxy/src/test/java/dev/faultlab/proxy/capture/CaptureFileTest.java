package dev.faultlab.proxy.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.FakeBroker;
import dev.faultlab.proxy.testing.MqttBytes;
import dev.faultlab.proxy.testing.PcapFile;
import dev.faultlab.proxy.testing.ProxyFixture;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --capture DIR} over real sockets: one pcap file per connection, named after the proxy,
 * the connection and the client, holding every byte of both conversations both ways as TCP
 * segments with continuous sequence numbers; a writer that falls behind drops and counts.
 */
class CaptureFileTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final ProxyFixture proxy = new ProxyFixture();
    private CaptureDirectory captures;

    @AfterEach
    void stop() {
        proxy.close();
        if (captures != null) {
            captures.close();
        }
    }

    @Test
    void aPlainTcpConnectionIsCapturedByteForByteBothWaysOnBothSides() throws IOException {
        captures = CaptureDirectory.open(dir.resolve("new"));
        proxy.captureTo(captures);
        byte[] data = new byte[300_000];
        new Random(11).nextBytes(data);
        try (EchoServer echo = new EchoServer()) {
            ProxyState tcp = proxy.proxy("tcp", echo.address());
            int clientPort;
            try (Socket socket = proxy.connect(tcp)) {
                socket.setSoTimeout((int) WAIT.toMillis());
                clientPort = socket.getLocalPort();
                socket.getOutputStream().write(data);
                socket.shutdownOutput();
                assertThat(socket.getInputStream().readAllBytes()).isEqualTo(data);
            }
            PcapFile file = awaitEnded("tcp-");
            int listen = proxy.listen("tcp").port();
            int local = file.segments().stream().filter(s -> s.destinationPort() == echo.port())
                    .findFirst().orElseThrow().sourcePort();

            assertThat(fileName()).matches("tcp-\\d+-tcp-\\d{8}T\\d{6}Z\\.pcap");
            assertThat(file.payload(clientPort, listen)).as("from the client").isEqualTo(data);
            assertThat(file.payload(local, echo.port())).as("to the broker").isEqualTo(data);
            assertThat(file.payload(echo.port(), local)).as("from the broker").isEqualTo(data);
            assertThat(file.payload(listen, clientPort)).as("to the client").isEqualTo(data);
            assertThat(file.segments()).allMatch(PcapFile.Segment::tcpChecksumOk).allMatch(PcapFile.Segment::ipChecksumOk)
                    .allMatch(s -> s.payload().length <= 65_535 - 60);
            assertContinuous(file, clientPort, listen);
            assertContinuous(file, listen, clientPort);
            assertContinuous(file, local, echo.port());
            assertContinuous(file, echo.port(), local);
            assertThat(file.segments()).filteredOn(s -> s.has(PcapFile.FIN)).hasSize(4);
        }
    }

    @Test
    void anMqttConnectionsFileIsNamedAfterItsClient() throws IOException {
        captures = CaptureDirectory.open(dir);
        proxy.captureTo(captures);
        try (FakeBroker broker = new FakeBroker()) {
            ProxyState mqtt = proxy.proxy("lab mqtt", broker.address());
            try (Socket socket = proxy.connect(mqtt)) {
                socket.setSoTimeout((int) WAIT.toMillis());
                socket.getOutputStream().write(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32/a 1", 30, null));
                assertThat(socket.getInputStream().readNBytes(4)).hasSize(4);
                socket.getOutputStream().write(MqttBytes.DISCONNECT);
                socket.shutdownOutput();
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            PcapFile file = awaitEnded("lab_mqtt-");

            assertThat(fileName()).matches("lab_mqtt-\\d+-esp32_a_1-\\d{8}T\\d{6}Z\\.pcap");
            assertThat(file.segments()).filteredOn(s -> s.payload().length > 0).hasSize(6);
        }
    }

    @Test
    void aWriterThatFallsBehindDropsRecordsAndCountsThem() throws IOException {
        captures = CaptureDirectory.open(dir, 16);
        proxy.captureTo(captures);
        try (EchoServer echo = new EchoServer()) {
            ProxyState tcp = proxy.proxy("tcp", echo.address());
            try (Socket socket = proxy.connect(tcp)) {
                socket.setSoTimeout((int) WAIT.toMillis());
                socket.getOutputStream().write(new byte[1000]);
                socket.shutdownOutput();
                assertThat(socket.getInputStream().readAllBytes()).hasSize(1000);
            }
            await().atMost(WAIT).until(() -> captures.droppedRecords() >= 10);
            await().atMost(WAIT).until(() -> fileName() != null);

            assertThat(Files.readAllBytes(dir.resolve(fileName()))).as("the header alone")
                    .isEqualTo(CaptureSink.fileHeader());
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAnErrorNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");

        assertThatThrownBy(() -> CaptureDirectory.open(file.resolve("captures")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("capture directory " + file.resolve("captures").toAbsolutePath());
    }

    private static void assertContinuous(PcapFile file, int from, int to) {
        List<PcapFile.Segment> sent = file.segments().stream()
                .filter(s -> s.sourcePort() == from && s.destinationPort() == to).toList();
        for (int i = 1; i < sent.size(); i++) {
            PcapFile.Segment before = sent.get(i - 1);
            long length = before.payload().length + (before.has(PcapFile.SYN) || before.has(PcapFile.FIN) ? 1 : 0);
            assertThat(sent.get(i).seq()).as("segment %d from %d", i, from).isEqualTo((before.seq() + length) & 0xffffffffL);
        }
    }

    /** The one capture file, once both conversations have ended in it. */
    private PcapFile awaitEnded(String prefix) {
        return await().atMost(WAIT).until(() -> {
            String name = fileName();
            if (name == null || !name.startsWith(prefix)) {
                return null;
            }
            PcapFile file = PcapFile.read(captures.path().resolve(name));
            return file.segments().stream().filter(s -> s.has(PcapFile.FIN) || s.has(PcapFile.RST)).count() >= 4
                    ? file : null;
        }, found -> found != null);
    }

    private String fileName() throws IOException {
        try (Stream<Path> files = Files.list(captures.path())) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pcap")).findFirst().orElse(null);
        }
    }
}
