package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.net.HostPort;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue item 6 with a standard toxic: two devices on one proxy to Mosquitto, a {@code reset_peer}
 * narrowed by a client id glob; it acts on the matched device only, the other keeps working.
 */
class NarrowingTest extends ProxiedMosquittoTest {
    @Test
    void aToxicNarrowedByClientIdHitsOnlyTheMatchedDevice() throws Exception {
        HostPort listen = proxy.listen("mqtt");
        try (TestClient hit = TestClient.Kind.HIVEMQ_3.connect(listen.host(), listen.port(),
                TestClient.Options.of("narrow-esp-a"));
             TestClient spared = TestClient.Kind.PAHO_3.connect(listen.host(), listen.port(),
                     TestClient.Options.of("narrow-esp-b"))) {
            spared.subscribe("e2e/narrow/b", 1);

            proxy.toxic("mqtt", "reset_a", "reset_peer", "upstream", Map.of("timeout", 0, "client_id", "*-a"));

            assertThat(ProxyConnections.of(proxy, "mqtt", "narrow-esp-a").activeToxics()).containsExactly("reset_a");
            assertThat(ProxyConnections.of(proxy, "mqtt", "narrow-esp-b").activeToxics()).isEmpty();
            hit.publish("e2e/narrow/a", bytes("reset me"), 0);
            assertThat(hit.lost()).as("the matched device was reset").succeedsWithin(TestClient.TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            ConnectionEvent.Closed closed = events.awaitClosed("narrow-esp-a");
            assertThat(closed.cause()).isEqualTo("toxic");
            assertThat(closed.toxic()).isEqualTo("reset_a");

            spared.publish("e2e/narrow/b", bytes("still here"), 1);
            TestClient.Message message = spared.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(message).as("the other device's own message").isNotNull();
            assertThat(message.payload()).isEqualTo(bytes("still here"));
            assertThat(spared.lost()).isNotDone();
            assertThat(events.of(ConnectionEvent.Closed.class, c -> "narrow-esp-b".equals(c.clientId()))).isEmpty();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
