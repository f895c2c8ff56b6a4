package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.net.HostPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue item 6 with an MQTT fault: two devices with a 1 s keepalive on one proxy to Mosquitto, a
 * {@code mqtt_drop} of PINGRESP narrowed by a client id glob. The matched device loses its
 * connection to its ping timeout; the other keeps getting its PINGRESPs and stays connected for
 * several keepalives more.
 */
class MqttNarrowingTest extends ProxiedMosquittoTest {
    private static final int KEEP_ALIVE = 1;
    /** Answered pings the spared device must see after the other was lost. */
    private static final int PINGS_AFTER = 3;

    @Test
    void aPingrespDropNarrowedByClientIdCutsOnlyTheMatchedDevice() throws Exception {
        proxy.toxic("mqtt", "no_pingresp_a", "mqtt_drop", "downstream",
                Map.of("packets", List.of("PINGRESP"), "client_id", "esp32-a*"));
        HostPort listen = proxy.listen("mqtt");
        try (TestClient hit = TestClient.Kind.HIVEMQ_3.connect(listen.host(), listen.port(),
                TestClient.Options.of("esp32-a1").keepAlive(KEEP_ALIVE));
             TestClient spared = TestClient.Kind.PAHO_3.connect(listen.host(), listen.port(),
                     TestClient.Options.of("esp32-b1").keepAlive(KEEP_ALIVE))) {
            assertThat(ProxyConnections.of(proxy, "mqtt", "esp32-a1").activeToxics()).containsExactly("no_pingresp_a");
            assertThat(ProxyConnections.of(proxy, "mqtt", "esp32-b1").activeToxics()).isEmpty();

            assertThat(hit.lost()).as("the matched device gave up").succeedsWithin(TestClient.TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            ConnectionEvent.Closed closed = events.awaitClosed("esp32-a1");
            assertThat(closed.cause()).isEqualTo("client_keepalive");
            assertThat(events.of(PacketEvent.PingResponse.class, p -> "esp32-a1".equals(p.clientId()))).isEmpty();

            int answered = pingResponses("esp32-b1");
            await().atMost(Duration.ofSeconds(KEEP_ALIVE * (PINGS_AFTER + 2L)))
                    .until(() -> pingResponses("esp32-b1") >= answered + PINGS_AFTER);
            assertThat(spared.lost()).as("the other device").isNotDone();
            byte[] alive = "alive".getBytes(StandardCharsets.UTF_8);
            spared.subscribe("e2e/narrow/esp32-b1", 1);
            spared.publish("e2e/narrow/esp32-b1", alive, 1);
            TestClient.Message echo = spared.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(echo).as("the other device's own message").isNotNull();
            assertThat(echo.payload()).isEqualTo(alive);
            assertThat(events.of(ConnectionEvent.Closed.class, c -> "esp32-b1".equals(c.clientId()))).isEmpty();
            spared.disconnect();
        }
    }

    private int pingResponses(String clientId) {
        return events.of(PacketEvent.PingResponse.class, p -> clientId.equals(p.clientId())).size();
    }
}
