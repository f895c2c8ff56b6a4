package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.proxy.api.ApiServer;
import dev.faultlab.proxy.capture.CaptureDirectory;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.PcapFile;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.testing.Tshark;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, test 3: a real MQTT session (HiveMQ client, embedded HiveMQ broker) captured through the
 * proxy, by {@code --capture DIR} and by {@code GET /connections/{id}/capture}, opened with
 * {@code tshark}: the MQTT packets it decodes in each conversation are the ones the session
 * tracker saw, type by type and in order; with PINGRESP dropped, the client's conversation lacks
 * it and the broker's has it.
 */
@ExtendWith(SharedBrokers.class)
class CaptureTest {
    private static final byte[] PAYLOAD = "22.5".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private final EventLog events = new EventLog();
    private ProxyFixture proxy;
    private CaptureDirectory captures;
    private EmbeddedBroker broker;

    @BeforeEach
    void start(EmbeddedBroker embedded) throws IOException {
        assumeThat(Tshark.available()).as("tshark at " + Tshark.BINARY + " (CI installs it)").isTrue();
        broker = embedded;
        proxy = events.proxies();
        proxy.proxy("mqtt", broker.address());
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (captures != null) {
            captures.close();
        }
    }

    @Test
    void aCaptureFileHoldsTheSessionAsTheTrackerSawItOnBothSides() throws Exception {
        captures = CaptureDirectory.open(dir.resolve("captures"));
        proxy.captureTo(captures);
        HostPort listen = proxy.listen("mqtt");
        String id = "capture-file";
        try (TestClient device = TestClient.Kind.HIVEMQ_3.connect(listen.host(), listen.port(),
                TestClient.Options.of(id).keepAlive(1))) {
            session(device, "e2e/capture/" + id);
            events.await(PacketEvent.PingResponse.class, p -> id.equals(p.clientId()));
            device.disconnect();
        }
        ConnectionEvent.Closed closed = events.awaitClosed(id);

        Path file = awaitFile("mqtt-" + closed.connection() + "-" + id + "-");
        TrackedPackets tracked = TrackedPackets.fromEvents(events.of(PacketEvent.class), closed.connection());
        List<Tshark.MqttPacket> decoded = Tshark.mqttPackets(file, listen.port(), broker.port());

        assertThat(tracked.upstream()).as("what the tracker saw upstream").contains(1, 8, 3, 12, 14);
        assertThat(tracked.downstream()).as("what the tracker saw downstream").contains(2, 9, 3, 4, 13);
        assertThat(TrackedPackets.fromCapture(decoded, listen.port())).as("the client's conversation")
                .isEqualTo(tracked);
        assertThat(TrackedPackets.fromCapture(decoded, broker.port())).as("the broker's conversation")
                .isEqualTo(tracked);
    }

    @Test
    void theClientsConversationLacksTheDroppedPingrespAndTheBrokersHasIt() throws Exception {
        captures = CaptureDirectory.open(dir);
        proxy.captureTo(captures);
        proxy.toxic("mqtt", "no_pingresp", "mqtt_drop", "downstream", Map.of("packets", List.of("PINGRESP")));
        HostPort listen = proxy.listen("mqtt");
        String id = "capture-no-pingresp";
        try (TestClient device = TestClient.Kind.HIVEMQ_3.connect(listen.host(), listen.port(),
                TestClient.Options.of(id).keepAlive(1))) {
            device.lost().get(EventLog.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        ConnectionEvent.Closed closed = events.awaitClosed(id);

        Path file = awaitFile("mqtt-" + closed.connection() + "-" + id + "-");
        List<Tshark.MqttPacket> decoded = Tshark.mqttPackets(file, listen.port(), broker.port());
        TrackedPackets client = TrackedPackets.fromCapture(decoded, listen.port());
        TrackedPackets upstream = TrackedPackets.fromCapture(decoded, broker.port());

        assertThat(client.upstream()).as("the client's PINGREQs").contains(12);
        assertThat(client.downstream()).as("what reached the client").containsExactly(2);
        assertThat(upstream.downstream()).as("what the broker answered").contains(2, 13);
        assertThat(TrackedPackets.fromEvents(events.of(PacketEvent.class), closed.connection()))
                .as("the tracker agrees with the client's conversation").isEqualTo(client);
    }

    @Test
    void theCaptureEndpointStreamsTheSessionFromNowOnUntilTheConnectionCloses() throws Exception {
        ApiServer api = new ApiServer(proxy.registry(), new PrometheusRegistry(), ApiServer.Options.defaults("test"));
        api.start("127.0.0.1", 0);
        try {
            HostPort listen = proxy.listen("mqtt");
            String id = "capture-api";
            byte[] pcap;
            long connection;
            int before;
            try (TestClient device = TestClient.Kind.HIVEMQ_3.connect(listen.host(), listen.port(),
                    TestClient.Options.of(id))) {
                connection = ProxyConnections.of(proxy, "mqtt", id).id();
                before = events.of(PacketEvent.class).size();
                HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.port() + "/connections/" + id + "/capture")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.tcpdump.pcap");
                assertThat(response.headers().firstValue("Content-Disposition"))
                        .hasValue("attachment; filename=\"conn-" + connection + "-" + id + ".pcap\"");
                session(device, "e2e/capture/" + id);
                device.disconnect();
                try (InputStream body = response.body()) {
                    pcap = body.readAllBytes();
                }
            }
            Path file = Files.write(dir.resolve("api.pcap"), pcap);
            List<PacketEvent> all = events.of(PacketEvent.class);
            TrackedPackets tracked = TrackedPackets.fromEvents(all.subList(before, all.size()), connection);
            List<Tshark.MqttPacket> decoded = Tshark.mqttPackets(file, listen.port(), broker.port());

            assertThat(tracked.upstream()).as("what the tracker saw upstream")
                    .containsExactlyInAnyOrder(8, 3, 3, 3, 3, 4, 4, 14);
            assertThat(TrackedPackets.fromCapture(decoded, listen.port())).as("the client's conversation")
                    .isEqualTo(tracked);
            assertThat(TrackedPackets.fromCapture(decoded, broker.port())).as("the broker's conversation")
                    .isEqualTo(tracked);
            assertThat(PcapFile.parse(pcap).segments()).as("the handshake first")
                    .first().matches(s -> s.has(PcapFile.SYN) && !s.has(PcapFile.ACK));
        } finally {
            api.close();
        }
    }

    /** SUBSCRIBE, then two QoS 0 and two QoS 1 PUBLISHes to the subscribed topic, all received. */
    private static void session(TestClient device, String topic) throws Exception {
        device.subscribe(topic, 1);
        for (int qos : new int[] {0, 0, 1, 1}) {
            device.publish(topic, PAYLOAD, qos);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(device.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("message " + i)
                    .isNotNull();
        }
    }

    /** The capture file whose name starts with {@code prefix}, once both conversations have ended in it. */
    private Path awaitFile(String prefix) {
        return Awaitility.await().atMost(EventLog.WAIT).until(() -> ended(prefix), found -> found != null);
    }

    private Path ended(String prefix) throws IOException {
        Path root = captures.path();
        try (Stream<Path> files = Files.list(root)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
            if (file == null) {
                return null;
            }
            long ends = PcapFile.read(file).segments().stream()
                    .filter(s -> s.has(PcapFile.RST) || s.has(PcapFile.FIN)).count();
            return ends >= 2 ? file : null;
        }
    }
}
