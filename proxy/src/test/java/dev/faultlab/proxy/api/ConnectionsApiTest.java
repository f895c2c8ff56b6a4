package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.FakeBroker;
import dev.faultlab.proxy.testing.MqttBytes;
import dev.faultlab.proxy.testing.SourceServer;
import io.netty.channel.epoll.Epoll;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /connections} over real sockets: an MQTT client (hand-encoded packets) through the proxy
 * to a fake broker, listed with its session, inspected by id and client id, and cut with FIN or RST.
 */
class ConnectionsApiTest {
    private ApiTestServer api;
    private FakeBroker broker;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        api = new ApiTestServer();
        broker = new FakeBroker();
        assertThat(api.post("/proxies", "{\"name\":\"mqtt\",\"upstream\":\"" + broker.address() + "\"}").status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        api.close();
        broker.close();
    }

    @Test
    void listsALiveMqttConnectionWithItsSession() throws IOException {
        byte[] connect = MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-a1", 30, "device");
        Socket device = mqtt(connect, 4);

        ApiTestServer.Reply reply = api.get("/connections");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode list = reply.json();
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        JsonNode connection = list.get(0);
        assertThat(connection.path("id").asLong()).isPositive();
        assertThat(connection.path("proxy").asText()).isEqualTo("mqtt");
        assertThat(connection.path("remote").asText()).isEqualTo("127.0.0.1:" + device.getLocalPort());
        assertThat(connection.path("client_id").asText()).isEqualTo("esp32-a1");
        assertThat(connection.path("username").asText()).isEqualTo("device");
        assertThat(connection.path("protocol").asText()).isEqualTo("3.1.1");
        assertThat(connection.path("keepalive").asInt()).isEqualTo(30);
        assertThat(connection.path("state").asText()).isEqualTo("connected");
        assertThat(Instant.parse(connection.path("since").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(connection.path("last_ping_rtt_ms").isNull()).isTrue();
        assertThat(connection.path("inflight_up").asInt()).isZero();
        assertThat(connection.path("inflight_down").asInt()).isZero();
        assertThat(connection.path("bytes_up").asLong()).isEqualTo(connect.length);
        assertThat(connection.path("bytes_down").asLong()).isEqualTo(4);
        assertThat(connection.path("bytes_up_delivered").asLong()).isEqualTo(connect.length);
        assertThat(connection.path("bytes_down_delivered").asLong()).isEqualTo(4);
        assertThat(connection.path("toxics").isArray()).isTrue();
        assertThat(connection.path("toxics")).isEmpty();
    }

    @Test
    void showsThePeersWindowsAndNoBacklogOnAnIdleConnection() throws IOException {
        assumeThat(Epoll.isAvailable()).as("TCP_INFO needs Linux epoll").isTrue();
        mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-a1", 30, null), 4);

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            JsonNode connection = api.get("/connections/esp32-a1").json();
            assertThat(connection.path("window_up").asLong()).isPositive();
            assertThat(connection.path("window_down").asLong()).isPositive();
            assertThat(connection.path("backlog_up").isIntegralNumber()).isTrue();
            assertThat(connection.path("backlog_up").asLong()).isZero();
            assertThat(connection.path("backlog_down").isIntegralNumber()).isTrue();
            assertThat(connection.path("backlog_down").asLong()).isZero();
        });
        List<String> names = new ArrayList<>();
        api.get("/connections/esp32-a1").json().fieldNames().forEachRemaining(names::add);
        assertThat(names).containsSubsequence("bytes_down_delivered", "window_up", "window_down", "backlog_up",
                "backlog_down", "toxics");
        assertThat(names.indexOf("window_up")).isEqualTo(names.indexOf("bytes_down_delivered") + 1);
    }

    @Test
    void showsTheClosedWindowAndTheBacklogTowardsADeviceThatStopsReading() throws IOException {
        assumeThat(Epoll.isAvailable()).as("TCP_INFO needs Linux epoll").isTrue();
        int total = 1024 * 1024;
        try (SourceServer source = new SourceServer(total)) {
            api.post("/proxies", "{\"name\":\"talker\",\"upstream\":\"" + source.address() + "\"}");
            HostPort listen = HostPort.parse(api.registry().get("talker").listen());
            Socket device = new Socket();
            sockets.add(device);
            device.setReceiveBufferSize(4096);
            device.connect(new InetSocketAddress(listen.host(), listen.port()), 3000);

            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                JsonNode connection = api.get("/connections?proxy=talker").json().path(0);
                assertThat(connection.path("window_down").asLong(-1)).isZero();
                assertThat(connection.path("backlog_down").asLong()).isGreaterThan(4096);
            });

            assertThat(device.getInputStream().readNBytes(total)).hasSize(total);
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                JsonNode connection = api.get("/connections?proxy=talker").json().path(0);
                assertThat(connection.path("backlog_down").asLong(-1)).isZero();
                assertThat(connection.path("window_down").asLong()).isPositive();
            });
        }
    }

    @Test
    void showsPingRoundTripProtocolFiveAndTheToxicsActingNow() throws IOException {
        Socket device = mqtt(MqttBytes.connect(MqttVersion.MQTT_5, "esp32-v5", 10, null), 5);
        device.getOutputStream().write(MqttBytes.PINGREQ);
        assertThat(device.getInputStream().readNBytes(2)).containsExactly(0xD0, 0x00);
        api.post("/proxies/mqtt/toxics", "{\"name\":\"slow\",\"type\":\"latency\",\"attributes\":{\"latency\":1}}");

        JsonNode connection = api.get("/connections/esp32-v5").json();

        assertThat(connection.path("protocol").asText()).isEqualTo("5");
        assertThat(connection.path("username").isNull()).isTrue();
        assertThat(connection.path("last_ping_rtt_ms").isNumber()).isTrue();
        assertThat(connection.path("last_ping_rtt_ms").asDouble()).isNotNegative();
        assertThat(connection.path("toxics")).extracting(JsonNode::asText).containsExactly("slow");
    }

    @Test
    void plainTcpHasNoSessionAndTheProxyFilterSelects() throws IOException {
        try (EchoServer echo = new EchoServer()) {
            api.post("/proxies", "{\"name\":\"tcp\",\"upstream\":\"" + echo.address() + "\"}");
            Socket plain = open("tcp");
            plain.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(plain.getInputStream().readNBytes(5)).asString(StandardCharsets.UTF_8).isEqualTo("hello");
            mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-a1", 30, null), 4);

            JsonNode tcp = api.get("/connections?proxy=tcp").json();

            assertThat(tcp).hasSize(1);
            JsonNode connection = tcp.get(0);
            assertThat(connection.path("proxy").asText()).isEqualTo("tcp");
            assertThat(connection.path("state").asText()).isEqualTo("tcp");
            assertThat(connection.path("client_id").isNull()).isTrue();
            assertThat(connection.path("protocol").isNull()).isTrue();
            assertThat(connection.path("keepalive").isNull()).isTrue();
            assertThat(connection.path("bytes_up").asLong()).isEqualTo(5);
            assertThat(connection.path("bytes_down").asLong()).isEqualTo(5);
            assertThat(api.get("/connections?proxy=mqtt").json()).extracting(c -> c.path("client_id").asText())
                    .containsExactly("esp32-a1");
            assertThat(api.get("/connections").json()).hasSize(2);
            ApiTestServer.Reply missing = api.get("/connections?proxy=nothing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().path("error").asText()).isEqualTo("proxy not found");
        }
    }

    @Test
    void oneConnectionByIdOrByClientId() throws IOException {
        mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-a1", 30, null), 4);
        mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-b2", 30, null), 4);
        long idOfB = idOf("esp32-b2");

        assertThat(api.get("/connections/" + idOfB).json().path("client_id").asText()).isEqualTo("esp32-b2");
        assertThat(api.get("/connections/esp32-a1").json().path("client_id").asText()).isEqualTo("esp32-a1");
        ApiTestServer.Reply missing = api.get("/connections/999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"connection not found\",\"status\":404}");
        assertThat(api.get("/connections/esp32-zz").status()).isEqualTo(404);
    }

    @Test
    void finCutReachesTheClientAsEndOfStream() throws Exception {
        List<ProxyEvent> events = record(api.registry().events());
        Socket device = mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-a1", 30, null), 4);
        long id = idOf("esp32-a1");

        assertThat(api.delete("/connections/" + id).status()).isEqualTo(204);

        assertThat(device.getInputStream().read()).isEqualTo(-1);
        assertThat(api.get("/connections/" + id).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
                .filteredOn(ConnectionEvent.Closed.class::isInstance)
                .extracting(e -> ((ConnectionEvent.Closed) e).cause())
                .containsExactly("api_cut"));
    }

    @Test
    void rstCutResetsTheClient() throws IOException {
        Socket device = mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-a1", 30, null), 4);

        assertThat(api.delete("/connections/esp32-a1?mode=rst").status()).isEqualTo(204);

        InputStream in = device.getInputStream();
        assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }

    @Test
    void aClientIdCutsEveryConnectionOfThatClient() throws IOException {
        Socket first = mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-twin", 30, null), 4);
        Socket second = mqtt(MqttBytes.connect(MqttVersion.MQTT_5, "esp32-twin", 30, null), 5);
        mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-other", 30, null), 4);

        assertThat(api.delete("/connections/esp32-twin?mode=fin").status()).isEqualTo(204);

        assertThat(first.getInputStream().read()).isEqualTo(-1);
        assertThat(second.getInputStream().read()).isEqualTo(-1);
        assertThat(api.get("/connections").json()).extracting(c -> c.path("client_id").asText())
                .containsExactly("esp32-other");
    }

    @Test
    void anUnknownModeIs400AndAnUnknownConnection404() throws IOException {
        mqtt(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-a1", 30, null), 4);

        ApiTestServer.Reply badMode = api.delete("/connections/esp32-a1?mode=close");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().path("error").asText()).isEqualTo("mode must be fin or rst, got close");
        assertThat(api.delete("/connections/esp32-zz").status()).isEqualTo(404);
        assertThat(api.get("/connections").json()).hasSize(1);
    }

    /** Connects to proxy {@code mqtt}, sends the CONNECT and reads the CONNACK of that length. */
    private Socket mqtt(byte[] connect, int connackLength) throws IOException {
        Socket socket = open("mqtt");
        socket.getOutputStream().write(connect);
        assertThat(socket.getInputStream().readNBytes(connackLength)).hasSize(connackLength).startsWith(0x20);
        return socket;
    }

    private Socket open(String proxy) throws IOException {
        HostPort listen = HostPort.parse(api.registry().get(proxy).listen());
        Socket socket = new Socket(listen.host(), listen.port());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    private long idOf(String clientId) {
        return api.get("/connections/" + clientId).json().path("id").asLong();
    }

    private static List<ProxyEvent> record(EventBus bus) {
        List<ProxyEvent> events = new CopyOnWriteArrayList<>();
        bus.subscribe(events::add);
        return events;
    }
}
