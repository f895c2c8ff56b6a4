package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.WillEvent;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.will.Credentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code faultlab up} in-process, on free loopback ports: MQTT clients reach the embedded broker
 * through the {@code mqtt} proxy, and the control API shows that proxy.
 */
class LabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Lab lab;

    @BeforeAll
    static void startLab() throws Exception {
        CommandLine.ParseResult parsed = FaultlabCommand.commandLine()
                .parseArgs("up", "--listen", "127.0.0.1:0", "--api", "127.0.0.1:0", "--seed", "7");
        UpCommand up = (UpCommand) parsed.subcommand().commandSpec().userObject();
        lab = Lab.start(up.options());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void mqtt5ClientReceivesItsOwnMessageThroughTheProxy() throws Exception {
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("esp32-lab-5")
                .serverHost(proxy.host()).serverPort(proxy.port()).buildBlocking();
        client.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("lab/echo/5").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("lab/echo/5").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("through the proxy".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("through the proxy");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mqtt311ClientReceivesItsOwnMessageThroughTheProxy() throws Exception {
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("esp32-lab-311")
                .serverHost(proxy.host()).serverPort(proxy.port()).buildBlocking();
        client.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("lab/echo/311").send();
            client.publishWith().topic("lab/echo/311").payload("hi".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(publishes.receive(10, TimeUnit.SECONDS)).isPresent();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void apiAnswersVersionAndListsTheMqttProxy() throws Exception {
        int api = lab.server().apiPort();
        assertThat(JSON.readTree(Http.get(api, "/version")).path("version").asText()).isEqualTo(Version.current());
        JsonNode mqtt = JSON.readTree(Http.get(api, "/proxies")).path("mqtt");
        assertThat(mqtt.path("listen").asText()).isEqualTo(lab.proxyAddress());
        assertThat(mqtt.path("upstream").asText()).isEqualTo(lab.upstream());
        assertThat(mqtt.path("enabled").asBoolean()).isTrue();
    }

    @Test
    void connectionsListsAnMqtt5ClientWithItsSession() throws Exception {
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("esp32-lab-listed")
                .serverHost(proxy.host()).serverPort(proxy.port()).buildBlocking();
        client.connect();
        try {
            int api = lab.server().apiPort();
            JsonNode connection = JSON.readTree(Http.get(api, "/connections/esp32-lab-listed"));
            assertThat(connection.path("proxy").asText()).isEqualTo("mqtt");
            assertThat(connection.path("protocol").asText()).isEqualTo("5");
            assertThat(connection.path("state").asText()).isEqualTo("connected");
            assertThat(connection.path("bytes_up").asLong()).isPositive();
            assertThat(JSON.readTree(Http.get(api, "/connections?proxy=mqtt")))
                    .extracting(c -> c.path("client_id").asText()).contains("esp32-lab-listed");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void theWillWatcherTimesTheWillOfADeviceTheApiCuts() throws Exception {
        List<WillEvent> wills = new CopyOnWriteArrayList<>();
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        Mqtt3BlockingClient device = Mqtt3Client.builder().identifier("esp32-lab-will")
                .serverHost(proxy.host()).serverPort(proxy.port()).buildBlocking();
        try (EventBus.Subscription subscription = lab.server().events().subscribe(Set.of("will_published"),
                event -> wills.add((WillEvent) event))) {
            device.connectWith().willPublish().topic("lab/will/esp32").payload(new byte[] {'0'})
                    .qos(MqttQos.AT_LEAST_ONCE).applyWillPublish().send();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> lab.server().willWatcher().watching(lab.upstream(), "lab/will/esp32"));
            int api = lab.server().apiPort();
            assertThat(Http.delete(api, "/connections/esp32-lab-will?mode=fin")).isEqualTo(204);

            await().atMost(Duration.ofSeconds(10)).until(() -> !wills.isEmpty());
            assertThat(wills.get(0).clientId()).isEqualTo("esp32-lab-will");
            assertThat(wills.get(0).loss()).isEqualTo("api_cut");
            assertThat(Http.get(api, "/metrics")).contains(
                    "faultlab_will_published_total{client_id=\"esp32-lab-will\",connection_alive=\"false\",proxy=\"mqtt\"} 1");
        }
    }

    @Test
    void upTurnsTheWillWatcherOffOrGivesItCredentials() {
        UpCommand off = (UpCommand) FaultlabCommand.commandLine().parseArgs("up", "--no-will-watcher")
                .subcommand().commandSpec().userObject();
        assertThat(off.options().settings().willWatcher()).isNull();
        UpCommand on = (UpCommand) FaultlabCommand.commandLine()
                .parseArgs("up", "--will-watcher-username", "watcher", "--will-watcher-password", "s3cret")
                .subcommand().commandSpec().userObject();
        Credentials credentials = on.options().settings().willWatcher().credentials();
        assertThat(credentials.username()).isEqualTo("watcher");
        assertThat(credentials.password()).isEqualTo("s3cret");
        assertThat(credentials.toString()).doesNotContain("s3cret");
    }

    @Test
    void upTakesAJournalFile() {
        CommandLine.ParseResult parsed = FaultlabCommand.commandLine()
                .parseArgs("up", "--journal", "lab-events.jsonl");
        UpCommand up = (UpCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(up.options().settings().journal()).hasToString("lab-events.jsonl");
    }

    @Test
    void screenSaysWhatListensWhereAndHowToPointABoard() {
        String screen = LabScreen.render(lab);
        int port = HostPort.parse(lab.proxyAddress()).port();
        assertThat(screen)
                .contains("MQTT proxy   " + lab.proxyAddress())
                .contains("broker       " + lab.upstream() + "  (embedded HiveMQ CE")
                .contains("http://127.0.0.1:" + lab.server().apiPort() + "/metrics")
                .contains("http://127.0.0.1:" + lab.server().apiPort() + "/events")
                .contains("mqtt://<this machine's address>:" + port)
                .contains("--listen 0.0.0.0:" + port);
    }

    @Test
    void upstreamOptionReplacesTheEmbeddedBroker() throws Exception {
        try (EmbeddedBroker external = EmbeddedBroker.start();
             Lab forwarding = Lab.start(new Lab.Options(HostPort.parse("127.0.0.1:0"),
                     HostPort.parse(external.address()), HostPort.parse("127.0.0.1:0"), 0))) {
            assertThat(forwarding.embeddedBroker()).isFalse();
            assertThat(forwarding.upstream()).isEqualTo(external.address());
            HostPort proxy = HostPort.parse(forwarding.proxyAddress());
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("esp32-external")
                    .serverHost(proxy.host()).serverPort(proxy.port()).buildBlocking();
            assertThat(client.connect().getReasonCode().isError()).isFalse();
            client.disconnect();
        }
    }
}
