package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.FakeBroker;
import dev.faultlab.proxy.testing.MqttBytes;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /events} over real sockets: filtered server-sent events of MQTT clients through the
 * proxy, heartbeats, a client that leaves, and a client that never reads, which is cut with an
 * {@code overflow} event while the data plane keeps forwarding.
 */
class EventStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ApiTestServer api;
    private FakeBroker broker;

    @BeforeEach
    void start() throws IOException {
        api = new ApiTestServer(ApiServer.Options.defaults(ApiTestServer.VERSION).withEvents(256,
                Duration.ofMillis(100)));
        broker = new FakeBroker();
        api.post("/proxies", "{\"name\":\"mqtt\",\"upstream\":\"" + broker.address() + "\"}");
    }

    @AfterEach
    void stop() throws IOException {
        api.close();
        broker.close();
    }

    @Test
    void oneClientsLifeFilteredByClientIdGlobAndType() throws Exception {
        try (SseClient sse = new SseClient(api.port(),
                "/events?client_id=esp32-*&type=connection_opened,connect,connack,connection_closed")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.contentType()).startsWith("text/event-stream");
            await().atMost(WAIT).until(() -> api.registry().events().hasListeners());

            session("other-1");
            session("esp32-a1");

            await().atMost(WAIT).until(() -> sse.types().contains("connection_closed"));
            assertThat(sse.types()).containsExactly("connection_opened", "connect", "connack", "connection_closed");
            List<JsonNode> data = sse.events().stream().map(SseClient.Event::data).toList();
            long id = data.get(0).path("connection").asLong();
            assertThat(data).allSatisfy(event -> {
                assertThat(event.path("connection").asLong()).isEqualTo(id);
                assertThat(event.path("proxy").asText()).isEqualTo("mqtt");
                assertThat(Instant.parse(event.path("time").asText())).isBeforeOrEqualTo(Instant.now());
            });
            assertThat(data.get(0).path("type").asText()).isEqualTo("connection_opened");
            assertThat(data.get(0).path("remote").asText()).startsWith("127.0.0.1:");
            assertThat(data.get(1).path("client_id").asText()).isEqualTo("esp32-a1");
            assertThat(data.get(1).path("version").asText()).isEqualTo("3.1.1");
            assertThat(data.get(1).path("keep_alive").asInt()).isEqualTo(30);
            assertThat(data.get(2).path("code").asInt()).isZero();
            assertThat(data.get(3).path("cause").asText()).isEqualTo("client_fin");
        }
    }

    @Test
    void withoutFiltersEveryEventArrivesAndHeartbeatsKeepComing() throws Exception {
        try (SseClient sse = new SseClient(api.port(), "/events")) {
            await().atMost(WAIT).until(() -> api.registry().events().hasListeners());

            session("esp32-a1");

            await().atMost(WAIT).until(() -> sse.types().contains("connection_closed"));
            assertThat(sse.types()).containsSubsequence("connection_opened", "connect", "connack", "disconnect",
                    "connection_closed");
            int seen = sse.comments();
            await().atMost(WAIT).until(() -> sse.comments() >= seen + 2);
        }
    }

    @Test
    void aClientThatLeavesIsUnsubscribed() throws Exception {
        EventBus bus = api.registry().events();
        SseClient sse = new SseClient(api.port(), "/events?proxy=mqtt");
        await().atMost(WAIT).until(bus::hasListeners);

        sse.close();

        await().atMost(WAIT).until(() -> !bus.hasListeners());
    }

    @Test
    void closingTheServerEndsTheStream() throws Exception {
        EventBus bus = api.registry().events();
        try (SseClient sse = new SseClient(api.port(), "/events")) {
            await().atMost(WAIT).until(bus::hasListeners);

            api.close();

            await().atMost(WAIT).until(sse::ended);
            await().atMost(WAIT).until(() -> !bus.hasListeners());
        }
    }

    @Test
    void aClientThatNeverReadsIsCutWithOverflowWhileTrafficFlows() throws Exception {
        EventBus bus = api.registry().events();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), api.port()));
            stalled.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            await().atMost(WAIT).until(bus::hasListeners);
            try (Socket device = open()) {
                OutputStream out = device.getOutputStream();
                out.write(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-flood", 30, null));
                assertThat(device.getInputStream().readNBytes(4)).startsWith(0x20);
                byte[] burst = burst(1000);

                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    out.write(burst);
                    return !bus.hasListeners();
                });

                out.write(MqttBytes.PINGREQ);
                assertThat(device.getInputStream().readNBytes(2)).containsExactly(0xD0, 0x00);
            }
            String stream = readAll(stalled.getInputStream());
            assertThat(stream).startsWith("HTTP/1.1 200 ");
            // Whether some publish events were written before the queue overflowed depends on how
            // fast the writer thread ran; the overflow itself, and nothing after it, do not.
            assertThat(stream).contains("event: overflow\ndata: {\"type\":\"overflow\",");
            assertThat(stream.substring(stream.indexOf("event: overflow"))).doesNotContain("event: publish");
        }
    }

    /** A whole MQTT session through the proxy: CONNECT, CONNACK, DISCONNECT, FIN, end. */
    private void session(String clientId) throws IOException {
        try (Socket device = open()) {
            device.getOutputStream().write(MqttBytes.connect(MqttVersion.MQTT_3_1_1, clientId, 30, null));
            assertThat(device.getInputStream().readNBytes(4)).startsWith(0x20);
            device.getOutputStream().write(MqttBytes.DISCONNECT);
            device.shutdownOutput();
            assertThat(device.getInputStream().read()).isEqualTo(-1);
        }
    }

    private Socket open() throws IOException {
        HostPort listen = HostPort.parse(api.registry().get("mqtt").listen());
        Socket socket = new Socket(listen.host(), listen.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] burst(int publishes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] publish = MqttBytes.publish("esp32/flood", "x");
        for (int i = 0; i < publishes; i++) {
            bytes.writeBytes(publish);
        }
        return bytes.toByteArray();
    }

    /** Reads until the server ends the chunked response (its last chunk) or closes. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!bytes.toString(StandardCharsets.UTF_8).endsWith("\r\n0\r\n\r\n")) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
