package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.net.HostPort;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue item 4: {@code mqtt_hold} of PUBACK ("stall acks") with Mosquitto. A client's QoS 1
 * publishes, sent without waiting, all stay unacknowledged while it applies: the tracker counts
 * them in flight and no ack reaches the client. After removal every ack arrives, in publish order.
 */
class PubackHoldTest extends ProxiedMosquittoTest {
    /** Below Paho's default limit of 10 messages in flight. */
    private static final int MESSAGES = 8;


    @ParameterizedTest
    @EnumSource(TestClient.Kind.class)
    void heldPubacksKeepThePublishesInFlightAndArriveInOrderAfterRemoval(TestClient.Kind kind) throws Exception {
        String id = "hold-" + kind.name().toLowerCase();
        HostPort listen = proxy.listen("mqtt");
        try (TestClient device = kind.connect(listen.host(), listen.port(), TestClient.Options.of(id))) {
            proxy.toxic("mqtt", "stall_acks", "mqtt_hold", "downstream", Map.of("packets", List.of("PUBACK")));
            Connection connection = ProxyConnections.of(proxy, "mqtt", id);

            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                acks.add(device.publishAsync("e2e/hold/" + id, ("m" + i).getBytes(StandardCharsets.UTF_8), 1));
            }
            await().atMost(EventLog.WAIT).until(() -> connection.snapshot().get(1, TimeUnit.SECONDS).session()
                    .inflightUp() == MESSAGES);
            List<PacketEvent.Publish> publishes = events.of(PacketEvent.Publish.class,
                    p -> p.connection() == connection.id() && p.direction().equals("upstream"));
            assertThat(publishes).extracting(PacketEvent.Publish::inflight)
                    .as("in flight after each publish").containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(events.of(PacketEvent.Ack.class, a -> a.connection() == connection.id()))
                    .as("acks that reached the client while held").isEmpty();
            assertThat(acks).as("acknowledged publishes while held").noneMatch(CompletableFuture::isDone);

            proxy.registry().removeToxic("mqtt", "stall_acks");

            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<PacketEvent.Ack> released = await().atMost(EventLog.WAIT).until(() -> events.of(PacketEvent.Ack.class,
                    a -> a.connection() == connection.id()), all -> all.size() >= MESSAGES);
            assertThat(released).extracting(PacketEvent.Ack::packet).containsOnly("PUBACK");
            assertThat(released).extracting(PacketEvent.Ack::packetId).as("acks in publish order")
                    .containsExactlyElementsOf(publishes.stream().map(PacketEvent.Publish::packetId).toList());
            assertThat(released).extracting(PacketEvent.Ack::inflight).containsExactly(7, 6, 5, 4, 3, 2, 1, 0);
            device.disconnect();
        }
    }
}
