package dev.faultlab.proxy.will;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.WillEvent;
import dev.faultlab.proxy.mqtt.codec.PayloadDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The will ledger in virtual time: registration, the loss a will is timed from, and expiry. */
class WillLedgerTest {
    private static final String BROKER = "127.0.0.1:1883";
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final PayloadDigest OFFLINE = PayloadDigest.of("offline".getBytes(StandardCharsets.UTF_8));
    private static final PayloadDigest ONLINE = PayloadDigest.of("online".getBytes(StandardCharsets.UTF_8));

    private final List<String> transitions = new ArrayList<>();
    private final WillLedger ledger = new WillLedger(Duration.ofSeconds(30), new WillLedger.Listener() {
        @Override
        public void registered(String proxy, String clientId) {
            transitions.add("registered " + clientId);
        }

        @Override
        public void unregistered(String proxy, String clientId) {
            transitions.add("unregistered " + clientId);
        }

        @Override
        public void topicNeeded(String upstream, String topic) {
            transitions.add("subscribe " + topic);
        }

        @Override
        public void topicReleased(String upstream, String topic) {
            transitions.add("unsubscribe " + topic);
        }
    });

    @Test
    void aWillAfterTheProxyCutIsTimedFromTheClose() {
        connect(1, "esp-a", "status/a", null);
        ledger.closed(closed(1, "api_cut", T0.plusSeconds(10)));

        WillEvent will = ledger.arrived(BROKER, "status/a", OFFLINE, T0.plusMillis(10_040)).orElseThrow();

        assertThat(will.connection()).isEqualTo(1);
        assertThat(will.clientId()).isEqualTo("esp-a");
        assertThat(will.latencyMillis()).isEqualTo(40.0);
        assertThat(will.connectionAlive()).isFalse();
        assertThat(will.loss()).isEqualTo("api_cut");
        assertThat(will.payloadSize()).isEqualTo(7);
        assertThat(will.qos()).isEqualTo(1);
        assertThat(transitions).containsExactly("subscribe status/a", "registered esp-a", "unsubscribe status/a",
                "unregistered esp-a");
    }

    @Test
    void aMessageOtherThanTheWillOnItsTopicIsNotTheWill() {
        connect(1, "esp-a", "status/a", null);
        ledger.closed(closed(1, "client_fin", T0.plusSeconds(1)));

        assertThat(ledger.arrived(BROKER, "status/a", ONLINE, T0.plusSeconds(2))).as("the device's own online").isEmpty();
        assertThat(ledger.arrived(BROKER, "status/a", PayloadDigest.of("offlinf".getBytes(StandardCharsets.UTF_8)),
                T0.plusSeconds(2))).as("same size, other bytes").isEmpty();
        assertThat(transitions).doesNotContain("unregistered esp-a");

        WillEvent will = ledger.arrived(BROKER, "status/a", OFFLINE, T0.plusSeconds(3)).orElseThrow();
        assertThat(will.latencyMillis()).isEqualTo(2_000.0);
        assertThat(transitions).contains("unregistered esp-a");
    }

    @Test
    void aCloseTimedJustAfterTheWillIsLatencyZero() {
        connect(1, "esp-a", "status/a", null);
        ledger.closed(closed(1, "client_fin", T0.plusMillis(10_002)));

        WillEvent will = ledger.arrived(BROKER, "status/a", OFFLINE, T0.plusMillis(10_000)).orElseThrow();

        assertThat(will.latencyMillis()).isZero();
        assertThat(will.connectionAlive()).isFalse();
        assertThat(will.loss()).isEqualTo("client_fin");
    }

    @Test
    void aWillWhileTheConnectionLivesIsTimedFromTheFault() {
        connect(1, "esp-a", "status/a", null);
        ledger.faultApplied(new ConnectionEvent.FaultApplied(T0.plusSeconds(5), 1, "mqtt", "esp-a", "wifi",
                "half_open", "downstream"));

        WillEvent will = ledger.arrived(BROKER, "status/a", OFFLINE, T0.plusMillis(8_100)).orElseThrow();

        assertThat(will.latencyMillis()).isEqualTo(3_100.0);
        assertThat(will.connectionAlive()).isTrue();
        assertThat(will.loss()).isEqualTo("fault_applied:wifi");
    }

    @Test
    void aPeerCloseAtTheWillsMomentUnderAFaultStillCountsAsAlive() {
        connect(1, "esp-a", "status/a", null);
        ledger.faultApplied(new ConnectionEvent.FaultApplied(T0, 1, "mqtt", "esp-a", "wifi", "half_open", "upstream"));
        ledger.closed(closed(1, "client_fin", T0.plusMillis(3_000)));

        WillEvent will = ledger.arrived(BROKER, "status/a", OFFLINE, T0.plusMillis(3_002)).orElseThrow();

        assertThat(will.connectionAlive()).isTrue();
        assertThat(will.latencyMillis()).isEqualTo(3_002.0);
        assertThat(will.loss()).isEqualTo("fault_applied:wifi");
    }

    @Test
    void aClearedFaultIsNoLongerTheLoss() {
        connect(1, "esp-a", "status/a", null);
        ledger.faultApplied(new ConnectionEvent.FaultApplied(T0, 1, "mqtt", "esp-a", "slow", "latency", "upstream"));
        ledger.faultCleared(new ConnectionEvent.FaultCleared(T0.plusSeconds(1), 1, "mqtt", "esp-a", "slow",
                "latency", "upstream"));

        WillEvent will = ledger.arrived(BROKER, "status/a", OFFLINE, T0.plusSeconds(5)).orElseThrow();

        assertThat(will.connectionAlive()).isTrue();
        assertThat(will.latencyMillis()).isNull();
        assertThat(will.loss()).isNull();
    }

    @Test
    void aCleanDisconnectUnregistersButReasonFourKeepsTheWill() {
        connect(1, "esp-a", "status/a", null);
        connect(2, "esp-b", "status/b", null);
        ledger.disconnect(new PacketEvent.Disconnect(T0, 1, "mqtt", "esp-a", "upstream", 0, null));
        ledger.disconnect(new PacketEvent.Disconnect(T0, 2, "mqtt", "esp-b", "upstream", 4, null));

        assertThat(transitions).contains("unsubscribe status/a", "unregistered esp-a")
                .doesNotContain("unregistered esp-b");
        assertThat(ledger.arrived(BROKER, "status/a", OFFLINE, T0.plusSeconds(1))).isEmpty();
        assertThat(ledger.arrived(BROKER, "status/b", OFFLINE, T0.plusSeconds(1))).isPresent();
    }

    @Test
    void aRefusedConnectRegistersNothing() {
        connect(1, "esp-a", "status/a", null);
        ledger.connack(new PacketEvent.Connack(T0, 1, "mqtt", "esp-a", 0x87, false, null, null));

        assertThat(transitions).containsExactly("subscribe status/a", "registered esp-a", "unsubscribe status/a",
                "unregistered esp-a");
    }

    @Test
    void anAcceptedConnectKeepsItsWill() {
        connect(1, "esp-a", "status/a", null);
        ledger.connack(new PacketEvent.Connack(T0, 1, "mqtt", "esp-a", 0, false, null, null));

        assertThat(transitions).containsExactly("subscribe status/a", "registered esp-a");
    }

    @Test
    void aSharedTopicStaysSubscribedUntilItsLastDeviceAndTheLostOneTakesTheWill() {
        connect(1, "esp-a", "fleet/offline", null);
        connect(2, "esp-b", "fleet/offline", null);
        ledger.closed(closed(2, "client_rst", T0.plusSeconds(1)));

        WillEvent will = ledger.arrived(BROKER, "fleet/offline", OFFLINE, T0.plusSeconds(2)).orElseThrow();

        assertThat(will.clientId()).isEqualTo("esp-b");
        assertThat(transitions).containsExactly("subscribe fleet/offline", "registered esp-a", "registered esp-b",
                "unregistered esp-b");
    }

    @Test
    void aWillOverdueByItsDelayAndTheGraceIsDropped() {
        connect(1, "esp-a", "status/a", 60L);
        ledger.closed(closed(1, "client_fin", T0));

        ledger.expire(T0.plusSeconds(90));
        assertThat(transitions).doesNotContain("unregistered esp-a");
        ledger.expire(T0.plusSeconds(91));
        assertThat(transitions).contains("unsubscribe status/a", "unregistered esp-a");
    }

    @Test
    void aLiveConnectionNeverExpires() {
        connect(1, "esp-a", "status/a", null);
        ledger.expire(T0.plus(Duration.ofDays(1)));
        assertThat(transitions).doesNotContain("unregistered esp-a");
    }

    private void connect(long connection, String clientId, String topic, Long delay) {
        ledger.connect(new PacketEvent.Connect(T0, connection, "mqtt", clientId, "5", null, 2, true, topic, 1,
                false, delay, OFFLINE.size(), OFFLINE.crc32c(), null, null), BROKER);
    }

    private static ConnectionEvent.Closed closed(long connection, String cause, Instant time) {
        return new ConnectionEvent.Closed(time, connection, "mqtt", null, cause, null, 1_000);
    }
}
