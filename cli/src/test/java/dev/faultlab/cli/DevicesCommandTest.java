package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.emulator.DeviceConfig;
import dev.faultlab.emulator.DeviceState;
import dev.faultlab.emulator.FleetConfig;
import dev.faultlab.emulator.Profile;
import dev.faultlab.emulator.PublishPlan;
import dev.faultlab.emulator.Timings;
import dev.faultlab.proxy.testing.MetricsText;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code faultlab devices}: options into a fleet configuration, and a small fleet run in-process. */
class DevicesCommandTest {

    private static DevicesCommand parse(CommandLine commandLine, String... args) {
        CommandLine.ParseResult parsed = commandLine.parseArgs(args);
        return (DevicesCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void optionsBecomeTheFleetConfig() {
        FleetConfig config = parse(FaultlabCommand.commandLine(), "devices", "--broker", "10.0.0.5:1884",
                "--count", "3", "--profile", "esp-idf-4", "--preset", "compressed", "--keepalive", "5",
                "--reconnect-ms", "1500", "--client-id", "dev-{n}", "--will-topic", "status/{id}",
                "--publish", "sensors/{id}/temp@200:10", "--qos", "1", "--seed", "9").fleetConfig();

        assertThat(config.count()).isEqualTo(3);
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.clientIds()).containsExactly("dev-0", "dev-1", "dev-2");
        assertThat(config.publishPlan()).isEqualTo(new PublishPlan("sensors/{id}/temp", 1, 200, 10));
        assertThat(config.template().host()).isEqualTo("10.0.0.5");
        assertThat(config.template().port()).isEqualTo(1884);
        assertThat(config.template().profile()).isEqualTo(Profile.ESP_IDF_4);
        assertThat(config.template().timings())
                .isEqualTo(Timings.COMPRESSED.withKeepalive(5_000).withReconnect(1_500));
        assertThat(config.deviceConfig("dev-1").will().topic()).isEqualTo("status/dev-1");
        assertThat(config.deviceConfig("dev-1").will().payload())
                .isEqualTo(DevicesCommand.WILL_PAYLOAD.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLessCommonClientOptionsReachEveryDevice() {
        FleetConfig config = parse(FaultlabCommand.commandLine(), "devices", "--broker", "127.0.0.1:1883",
                "--count", "2", "--protocol", "5", "--null-client-id", "--username", "esp", "--password", "secret",
                "--disable-keepalive", "--outbox-limit", "4096", "--buffer-size", "2048", "--receive-buffer", "5760",
                "--disconnect-with-will")
                .fleetConfig();

        DeviceConfig device = config.deviceConfig(config.clientIds().get(1));
        assertThat(config.clientIds()).containsExactly("", "");
        assertThat(device.protocol()).isEqualTo(MqttVersion.MQTT_5);
        assertThat(device.username()).isEqualTo("esp");
        assertThat(device.password()).isEqualTo("secret");
        assertThat(device.disableKeepalive()).isTrue();
        assertThat(device.outboxLimit()).isEqualTo(4096);
        assertThat(device.bufferSize()).isEqualTo(2048);
        assertThat(device.receiveBuffer()).isEqualTo(5760);
        assertThat(device.disconnectWithWill()).isTrue();
    }

    @Test
    void aWrongProtocolOrBothClientIdOptionsAreUsageErrors() {
        assertThatThrownBy(() -> parse(FaultlabCommand.commandLine(), "devices", "--broker", "127.0.0.1:1883",
                "--count", "1", "--protocol", "4")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("expected 3.1, 3.1.1 or 5");
        DevicesCommand both = parse(FaultlabCommand.commandLine(), "devices", "--broker", "127.0.0.1:1883",
                "--count", "1", "--null-client-id", "--client-id", "dev");
        assertThatThrownBy(both::fleetConfig).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("exclude each other");
    }

    @Test
    void theDefaultsAreTheEspIdfOnesWithoutPublishing() {
        FleetConfig config = parse(FaultlabCommand.commandLine(), "devices", "--broker", "127.0.0.1:1883",
                "--count", "2").fleetConfig();

        assertThat(config.template().profile()).isEqualTo(Profile.ESP_IDF_5);
        assertThat(config.template().timings()).isEqualTo(Timings.ESP_DEFAULTS);
        assertThat(config.template().will()).isNull();
        assertThat(config.publishPlan()).isNull();
        assertThat(config.clientIds()).allMatch(id -> id.matches("ESP32_[0-9a-f]{2}[0-9A-F]{4}"));
        assertThat(config.template().protocol()).isEqualTo(MqttVersion.MQTT_3_1_1);
        assertThat(config.template().outboxLimit()).isZero();
        assertThat(config.template().bufferSize()).isEqualTo(DeviceConfig.DEFAULT_BUFFER_SIZE);
        assertThat(config.template().receiveBuffer()).as("the system's default").isZero();
        assertThat(config.template().disableKeepalive()).isFalse();
    }

    @Test
    void aSmallFleetRunsAgainstTheEmbeddedBrokerUntilStopped() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            Set<String> topics = ConcurrentHashMap.newKeySet();
            Mqtt5AsyncClient watcher = Mqtt5Client.builder().identifier("devices-watcher")
                    .serverHost(broker.host()).serverPort(broker.port()).buildAsync();
            watcher.connect().join();
            watcher.subscribeWith().topicFilter("cli/#").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> topics.add(publish.getTopic().toString())).send().join();

            StringWriter out = new StringWriter();
            CommandLine commandLine = FaultlabCommand.commandLine().setOut(new PrintWriter(out));
            DevicesCommand devices = parse(commandLine, "devices", "--broker", broker.address(), "--count", "5",
                    "--preset", "compressed", "--client-id", "cli-{n}", "--will-topic", "cli/{id}/status",
                    "--publish", "cli/{id}/temp@100:8", "--qos", "1", "--connect-rate", "1000");
            DevicesCommand.RunningFleet running = devices.start();
            try {
                await().until(() -> running.fleet().countsByState().get(DeviceState.CONNECTED) == 5);
                await().until(() -> topics.containsAll(Set.of("cli/cli-0/temp", "cli/cli-1/temp",
                        "cli/cli-2/temp", "cli/cli-3/temp", "cli/cli-4/temp")));
            } finally {
                running.close();
            }

            assertThat(running.fleet().countsByState().get(DeviceState.DISCONNECTED)).isEqualTo(5);
            assertThat(out.toString()).contains("cli-3 I (", "mqtt_example: MQTT_EVENT_CONNECTED",
                    "mqtt_example: MQTT_EVENT_PUBLISHED", "mqtt_example: MQTT_EVENT_DISCONNECTED");
            watcher.disconnect().join();
        }
    }

    @Test
    void metricsPortServesTheDevicesMetricsUntilTheFleetStops() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            StringWriter out = new StringWriter();
            CommandLine commandLine = FaultlabCommand.commandLine().setOut(new PrintWriter(out));
            DevicesCommand devices = parse(commandLine, "devices", "--broker", broker.address(), "--count", "2",
                    "--preset", "compressed", "--client-id", "metrics-{n}", "--connect-rate", "1000",
                    "--metrics-port", "0");
            DevicesCommand.RunningFleet running = devices.start();
            int port = running.metricsPort();
            try {
                assertThat(out.toString()).contains("metrics on http://127.0.0.1:" + port + "/metrics");
                await().until(() -> running.fleet().countsByState().get(DeviceState.CONNECTED) == 2);
                MetricsText text = MetricsText.of(Http.get(port, "/metrics"));
                for (String id : Set.of("metrics-0", "metrics-1")) {
                    assertThat(text.value("faultlab_device_events_total", "client_id", id,
                            "event", "MQTT_EVENT_CONNECTED")).isEqualTo(1.0);
                    assertThat(text.value("faultlab_device_connected", "client_id", id)).isEqualTo(1.0);
                }
            } finally {
                running.close();
            }

            assertThatThrownBy(() -> Http.get(port, "/metrics")).isInstanceOf(IOException.class);
        }
    }
}
