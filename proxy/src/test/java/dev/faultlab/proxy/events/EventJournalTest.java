package dev.faultlab.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.FakeBroker;
import dev.faultlab.proxy.testing.MqttBytes;
import dev.faultlab.proxy.testing.ProxyFixture;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines journal: a real session through the proxy appears in the file, line by line. */
class EventJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSessionThroughTheProxyIsJournaledAsJsonLines() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (FakeBroker broker = new FakeBroker(); ProxyFixture fixture = new ProxyFixture()) {
            EventJournal journal = EventJournal.open(file, fixture.registry().events());
            fixture.registry().create(new ProxyRequest("mqtt", "127.0.0.1:0", broker.address(), true));
            HostPort listen = HostPort.parse(fixture.registry().get("mqtt").listen());
            try (Socket device = new Socket(listen.host(), listen.port())) {
                device.setSoTimeout(10_000);
                device.getOutputStream().write(MqttBytes.connect(MqttVersion.MQTT_5, "esp32-j", 15, "dev"));
                assertThat(device.getInputStream().readNBytes(5)).startsWith(0x20);
                device.getOutputStream().write(MqttBytes.DISCONNECT);
                device.shutdownOutput();
                assertThat(device.getInputStream().read()).isEqualTo(-1);
            }

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> types(file).contains("connection_closed"));
            journal.close();

            List<JsonNode> lines = lines(file);
            assertThat(lines).extracting(line -> line.path("type").asText())
                    .containsExactly("connection_opened", "connect", "connack", "disconnect", "connection_closed");
            JsonNode connect = lines.get(1);
            assertThat(connect.path("client_id").asText()).isEqualTo("esp32-j");
            assertThat(connect.path("username").asText()).isEqualTo("dev");
            assertThat(connect.path("keep_alive").asInt()).isEqualTo(15);
            assertThat(Instant.parse(connect.path("time").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(journal.dropped()).isZero();
            assertThat(fixture.registry().events().hasListeners()).isFalse();
        }
    }

    @Test
    void closingWritesWhatIsQueuedAndAReopenAppends() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventBus bus = new EventBus();
        EventJournal first = EventJournal.open(file, bus);
        for (int i = 1; i <= 500; i++) {
            bus.publish(new PacketEvent.PingRequest(Instant.EPOCH, i, "mqtt", "c"));
        }
        first.close();
        EventJournal second = EventJournal.open(file, bus);
        bus.publish(new PacketEvent.PingRequest(Instant.EPOCH, 501, "mqtt", "c"));
        second.close();

        assertThat(lines(file)).extracting(line -> line.path("connection").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 501).boxed().toList());
    }

    private static List<String> types(Path file) throws IOException {
        return lines(file).stream().map(line -> line.path("type").asText()).toList();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(line, e);
            }
        }).toList();
    }
}
