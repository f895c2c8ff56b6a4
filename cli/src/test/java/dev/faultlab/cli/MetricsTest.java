package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import dev.faultlab.emulator.Device;
import dev.faultlab.emulator.DeviceConfig;
import dev.faultlab.emulator.DeviceState;
import dev.faultlab.emulator.EspLog;
import dev.faultlab.emulator.EventLoops;
import dev.faultlab.emulator.NettyTransport;
import dev.faultlab.emulator.Timings;
import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ToxicRequest;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.MetricsText;
import dev.faultlab.proxy.testing.MqttBytes;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The proxy's metric families as a scraper sees them: {@code faultlab up} in-process (the embedded
 * broker, the {@code mqtt} proxy), real clients (raw sockets with known bytes, the HiveMQ client, an
 * emulated ESP32 with the compressed timings) and {@code GET /metrics} over HTTP.
 */
class MetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static Lab lab;
    private static EventLoops loops;
    private final List<ProxyEvent> events = new CopyOnWriteArrayList<>();
    private EventBus.Subscription subscription;
    private Device device;

    @BeforeAll
    static void startLab() throws Exception {
        lab = Lab.start(up());
        loops = EventLoops.create(1);
    }

    @AfterAll
    static void stopLab() {
        loops.close();
        lab.close();
    }

    @AfterEach
    void clean() {
        if (device != null) {
            device.stop();
        }
        if (subscription != null) {
            subscription.close();
        }
        registry().reset();
    }

    @Test
    void aKnownExchangeIsCountedExactlyAndItsGaugesGoWithTheConnection() throws Exception {
        byte[] connect = MqttBytes.connect(MqttVersion.MQTT_3_1_1, "m-exact", 30, null);
        byte[] publish = MqttBytes.publish("m/exact", "21.5");
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        try (Socket socket = new Socket(proxy.host(), proxy.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(connect);
            assertThat(in.readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00);
            out.write(publish);
            out.write(publish);
            out.write(publish);
            out.write(MqttBytes.PINGREQ);
            assertThat(in.readNBytes(2)).containsExactly(0xD0, 0x00);
            assertThat(scrape().value("faultlab_keepalive_seconds", "client_id", "m-exact")).isEqualTo(30.0);
            out.write(MqttBytes.DISCONNECT);
            assertThat(in.read()).isEqualTo(-1);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            MetricsText text = scrape();
            assertThat(packets(text, "m-exact", "CONNECT", "upstream")).isEqualTo(1.0);
            assertThat(packets(text, "m-exact", "PUBLISH", "upstream")).isEqualTo(3.0);
            assertThat(packets(text, "m-exact", "PINGREQ", "upstream")).isEqualTo(1.0);
            assertThat(packets(text, "m-exact", "DISCONNECT", "upstream")).isEqualTo(1.0);
            assertThat(packets(text, "m-exact", "CONNACK", "downstream")).isEqualTo(1.0);
            assertThat(packets(text, "m-exact", "PINGRESP", "downstream")).isEqualTo(1.0);
            assertThat(text.value("faultlab_bytes_total", "client_id", "m-exact", "direction", "upstream"))
                    .isEqualTo((double) connect.length + 3 * publish.length + 4);
            assertThat(text.value("faultlab_bytes_total", "client_id", "m-exact", "direction", "downstream"))
                    .isEqualTo(6.0);
            assertThat(text.value("faultlab_connects_total", "client_id", "m-exact", "version", "3.1.1"))
                    .isEqualTo(1.0);
            assertThat(text.value("faultlab_connacks_total", "client_id", "m-exact", "code", "0")).isEqualTo(1.0);
            assertThat(text.value("faultlab_ping_rtt_seconds_count", "client_id", "m-exact")).isEqualTo(1.0);
            assertThat(text.value("faultlab_keepalive_seconds", "client_id", "m-exact"))
                    .as("no series of a closed connection").isNull();
        });
    }

    @Test
    void heldAcksShowInFlightThenTheirLatencyAndTheFaultComesAndGoes() throws Exception {
        Mqtt3AsyncClient client = hivemq("m-flows");
        client.connectWith().keepAlive(20).send().get(10, TimeUnit.SECONDS);
        try {
            addToxic("stall", "mqtt_hold", "downstream", Map.of("packets", List.of("PUBACK")));
            CompletableFuture<?> published = client.publishWith().topic("m/flows").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new byte[] {1}).send();
            await().atMost(WAIT).untilAsserted(() -> {
                MetricsText text = scrape();
                assertThat(text.value("faultlab_inflight_messages", "client_id", "m-flows", "direction", "upstream"))
                        .isEqualTo(1.0);
                assertThat(text.value("faultlab_faults_active", "fault", "stall", "type", "mqtt_hold")).isEqualTo(1.0);
            });
            registry().removeToxic("mqtt", "stall");
            published.get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).untilAsserted(() -> {
                MetricsText text = scrape();
                assertThat(text.value("faultlab_inflight_messages", "client_id", "m-flows", "direction", "upstream"))
                        .isEqualTo(0.0);
                assertThat(text.value("faultlab_ack_latency_seconds_count", "client_id", "m-flows", "qos", "1"))
                        .isEqualTo(1.0);
                assertThat(text.value("faultlab_fault_actions_total", "fault", "stall", "action", "held"))
                        .isEqualTo(1.0);
                assertThat(text.value("faultlab_faults_active", "fault", "stall")).isNull();
            });
        } finally {
            client.disconnect().get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                scrape().value("faultlab_inflight_messages", "client_id", "m-flows")).isNull());
    }

    @Test
    void duplicatesAndRefusalsAreCounted() throws Exception {
        addToxic("dups", "mqtt_duplicate", "upstream", Map.of("count", 1));
        Mqtt3AsyncClient client = hivemq("m-dups");
        client.connect().get(10, TimeUnit.SECONDS);
        client.publishWith().topic("m/dups").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send()
                .get(10, TimeUnit.SECONDS);
        client.disconnect().get(10, TimeUnit.SECONDS);
        addToxic("refuse", "mqtt_connack", "upstream", Map.of("code", 5));
        Throwable refused = catchThrowable(() -> hivemq("m-refused").connect().get(10, TimeUnit.SECONDS));
        assertThat(refused).hasCauseInstanceOf(Mqtt3ConnAckException.class);
        await().atMost(WAIT).untilAsserted(() -> {
            MetricsText text = scrape();
            assertThat(text.value("faultlab_duplicate_publishes_total", "client_id", "m-dups",
                    "direction", "upstream")).isEqualTo(1.0);
            assertThat(text.value("faultlab_fault_actions_total", "fault", "dups", "action", "injected"))
                    .isEqualTo(1.0);
            assertThat(text.value("faultlab_connacks_total", "client_id", "m-refused", "code", "5")).isEqualTo(1.0);
            assertThat(text.value("faultlab_fault_actions_total", "fault", "refuse", "action", "refused"))
                    .isEqualTo(1.0);
        });
    }

    @Test
    void aPausedSourceIsCountedAsPausedTime() throws Exception {
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        try (Socket socket = new Socket(proxy.host(), proxy.port())) {
            socket.getOutputStream().write(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "m-paused", 30, null));
            assertThat(socket.getInputStream().readNBytes(4)).hasSize(4);
            Double before = scrape().value("faultlab_paused_seconds_total", "proxy", "mqtt", "direction", "upstream");
            addToxic("stall_device", "zero_window", "upstream", Map.of());
            registry().removeToxic("mqtt", "stall_device");
            await().atMost(WAIT).untilAsserted(() -> {
                MetricsText text = scrape();
                assertThat(text.value("faultlab_paused_seconds_total", "proxy", "mqtt", "direction", "upstream"))
                        .isGreaterThan(before == null ? 0.0 : before);
                assertThat(text.value("faultlab_fault_actions_total", "fault", "stall_device", "action", "paused"))
                        .isGreaterThanOrEqualTo(1.0);
            });
        }
    }

    /**
     * The test: an ESP-IDF 5 device with K = 2 s closes K after its last answered ping (its
     * main loop checks every P = 1 s); the fault is added right after a PINGRESP, so the detection
     * time is about K, within P. The device reconnects after its reconnect delay R = 1 s.
     */
    @Test
    void aDroppedPingrespIsDetectedAboutAKeepaliveLaterAndTheReconnectIsTimed() throws Exception {
        subscription = lab.server().events().subscribe(Set.of("pingresp", "connection_closed"), events::add);
        device = device("m-detect");
        device.start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> events.stream()
                .anyMatch(e -> e.type().equals("pingresp") && "m-detect".equals(e.clientId())));
        addToxic("no_pingresp", "mqtt_drop", "downstream", Map.of("packets", List.of("PINGRESP")));
        await().atMost(WAIT).until(() -> events.stream()
                .anyMatch(e -> e instanceof ConnectionEvent.Closed && "m-detect".equals(e.clientId())));
        registry().removeToxic("mqtt", "no_pingresp");
        await().atMost(WAIT).until(() -> device.state() == DeviceState.CONNECTED
                && scrape().value("faultlab_reconnect_seconds_count", "client_id", "m-detect") != null);

        MetricsText text = scrape();
        ConnectionEvent.Closed closed = (ConnectionEvent.Closed) events.stream()
                .filter(e -> e instanceof ConnectionEvent.Closed && "m-detect".equals(e.clientId()))
                .findFirst().orElseThrow();
        assertThat(closed.cause()).isEqualTo("client_keepalive");
        String[] detect = {"client_id", "m-detect", "fault", "no_pingresp"};
        assertThat(text.value("faultlab_detect_seconds_count", detect)).isEqualTo(1.0);
        assertThat(text.value("faultlab_detect_seconds_sum", detect)).as("about K = 2 s, within P = 1 s")
                .isBetween(1.5, 3.5);
        assertThat(text.value("faultlab_fault_actions_total", "fault", "no_pingresp", "action", "dropped"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(text.value("faultlab_reconnect_seconds_count", "client_id", "m-detect")).isEqualTo(1.0);
        assertThat(text.value("faultlab_reconnect_seconds_sum", "client_id", "m-detect"))
                .as("about R = 1 s").isBetween(0.5, 5.0);
    }

    @Test
    void withoutClientIdTheFamiliesCarryTheProxyOnly() throws Exception {
        CommandLine.ParseResult parsed = FaultlabCommand.commandLine().parseArgs("up", "--listen", "127.0.0.1:0",
                "--api", "127.0.0.1:0", "--upstream", lab.upstream(), "--metrics-without-client-id");
        UpCommand up = (UpCommand) parsed.subcommand().commandSpec().userObject();
        try (Lab fleet = Lab.start(up.options())) {
            HostPort proxy = HostPort.parse(fleet.proxyAddress());
            try (Socket socket = new Socket(proxy.host(), proxy.port())) {
                socket.getOutputStream().write(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "m-anonymous", 30, null));
                assertThat(socket.getInputStream().readNBytes(4)).hasSize(4);
                MetricsText text = MetricsText.of(Http.get(fleet.server().apiPort(), "/metrics"));
                assertThat(text.value("faultlab_packets_total", "proxy", "mqtt", "type", "CONNECT")).isEqualTo(1.0);
                assertThat(text.value("faultlab_keepalive_seconds", "proxy", "mqtt")).isEqualTo(30.0);
                assertThat(text.toString()).doesNotContain("client_id=").doesNotContain("m-anonymous");
            }
        }
    }

    private static Lab.Options up() {
        CommandLine.ParseResult parsed = FaultlabCommand.commandLine()
                .parseArgs("up", "--listen", "127.0.0.1:0", "--api", "127.0.0.1:0", "--seed", "7");
        return ((UpCommand) parsed.subcommand().commandSpec().userObject()).options();
    }

    private static ProxyRegistry registry() {
        return lab.server().registry();
    }

    private static void addToxic(String name, String type, String stream, Map<String, Object> attributes) {
        registry().addToxic("mqtt", new ToxicRequest(name, type, stream, null, attributes));
    }

    private static MetricsText scrape() throws Exception {
        return MetricsText.of(Http.get(lab.server().apiPort(), "/metrics"));
    }

    private static Double packets(MetricsText text, String clientId, String type, String direction) {
        return text.value("faultlab_packets_total", "client_id", clientId, "type", type, "direction", direction);
    }

    private static Mqtt3AsyncClient hivemq(String clientId) {
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        return Mqtt3Client.builder().identifier(clientId).serverHost(proxy.host()).serverPort(proxy.port())
                .buildAsync();
    }

    private static Device device(String clientId) {
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        NettyTransport transport = loops.nextTransport();
        DeviceConfig config = DeviceConfig.builder(proxy.host(), proxy.port(), 1).timings(Timings.COMPRESSED)
                .clientId(clientId).build();
        return new Device(config, transport.scheduler(), transport, new SplittableRandom(1), EspLog.Sink.slf4j());
    }
}
