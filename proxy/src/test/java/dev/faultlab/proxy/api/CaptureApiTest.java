package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.FakeBroker;
import dev.faultlab.proxy.testing.MqttBytes;
import dev.faultlab.proxy.testing.PcapFile;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /connections/{id}/capture} over real sockets: the pcap headers of the response, the
 * stream's bounds ({@code seconds}, {@code max_bytes}, the connection's end) and its errors.
 */
class CaptureApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiTestServer api;
    private FakeBroker broker;
    private Socket device;

    @BeforeEach
    void start() throws IOException {
        api = new ApiTestServer();
        broker = new FakeBroker();
        api.post("/proxies", "{\"name\":\"mqtt\",\"upstream\":\"" + broker.address() + "\"}");
        HostPort listen = HostPort.parse(api.registry().get("mqtt").listen());
        device = new Socket(listen.host(), listen.port());
        device.setSoTimeout((int) WAIT.toMillis());
        device.getOutputStream().write(MqttBytes.connect(MqttVersion.MQTT_3_1_1, "esp32-cap", 30, null));
        assertThat(device.getInputStream().readNBytes(4)).hasSize(4);
    }

    @AfterEach
    void stop() throws IOException {
        device.close();
        api.close();
        broker.close();
    }

    @Test
    void theStreamEndsWhenTheConnectionCloses() throws Exception {
        HttpResponse<InputStream> response = open("/connections/esp32-cap/capture");
        device.getOutputStream().write(MqttBytes.PINGREQ);
        assertThat(device.getInputStream().readNBytes(2)).containsExactly(0xD0, 0x00);
        device.close();

        byte[] pcap = readAll(response);
        PcapFile file = PcapFile.parse(pcap);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(CaptureStream.CONTENT_TYPE);
        assertThat(response.headers().firstValue("Content-Disposition")).get().asString()
                .matches("attachment; filename=\"conn-\\d+-esp32-cap\\.pcap\"");
        assertThat(file.segments()).filteredOn(s -> s.payload().length > 0).extracting(s -> s.payload()[0] & 0xff)
                .as("PINGREQ, PINGREQ, PINGRESP, PINGRESP").containsExactlyInAnyOrder(0xC0, 0xC0, 0xD0, 0xD0);
        assertThat(file.segments()).as("the client's RST and the proxy's towards the broker")
                .filteredOn(s -> s.has(PcapFile.RST) || s.has(PcapFile.FIN)).isNotEmpty();
    }

    @Test
    void theStreamEndsAfterItsSecondsWhileTheConnectionLives() throws Exception {
        long id = api.get("/connections/esp32-cap").json().path("id").asLong();
        HttpResponse<InputStream> response = open("/connections/" + id + "/capture?seconds=1");
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> readAllUnchecked(response));

        byte[] pcap = body.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(PcapFile.parse(pcap).segments()).as("the two handshakes").hasSize(6);
        device.getOutputStream().write(MqttBytes.PINGREQ);
        assertThat(device.getInputStream().readNBytes(2)).as("the connection lives on").containsExactly(0xD0, 0x00);
    }

    @Test
    void theStreamStopsBeforeRecordsThatWouldPassMaxBytes() throws Exception {
        HttpResponse<InputStream> response = open("/connections/esp32-cap/capture?max_bytes=400");
        device.getOutputStream().write(MqttBytes.PINGREQ);
        assertThat(device.getInputStream().readNBytes(2)).containsExactly(0xD0, 0x00);

        byte[] pcap = readAll(response);

        assertThat(pcap.length).isLessThanOrEqualTo(400);
        assertThat(PcapFile.parse(pcap).segments()).as("the handshakes, not the PINGREQ").hasSize(6);
    }

    @Test
    void anUnknownConnectionIs404AndABadBound400() {
        ApiTestServer.Reply missing = api.get("/connections/nobody/capture");
        ApiTestServer.Reply zero = api.get("/connections/esp32-cap/capture?seconds=0");
        ApiTestServer.Reply words = api.get("/connections/esp32-cap/capture?max_bytes=lots");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("connection not found");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("error").asText()).startsWith("seconds must be between 1 and 3600");
        assertThat(words.status()).isEqualTo(400);
        assertThat(words.json().path("error").asText()).startsWith("max_bytes must be a whole number");
    }

    private HttpResponse<InputStream> open(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static byte[] readAll(HttpResponse<InputStream> response) throws Exception {
        return CompletableFuture.supplyAsync(() -> readAllUnchecked(response)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static byte[] readAllUnchecked(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
