package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.emulator.FakeBroker.Sent;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 4, items 1 and 2: when PINGREQ goes out, and when a missing PINGRESP disconnects. */
class KeepaliveTest {
    private static final long K = 10_000;
    private static final long P = 1_000;

    @Test
    void idleDevicePingsHalfAKeepaliveAfterTheLastPingresp() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        bench.clock.advance(60_000);

        assertPingsEveryHalfKeepalive(bench.broker.sent(MqttMessageType.PINGREQ), 0);
        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
    }

    @Test
    void busyPublisherStillPingsHalfAKeepaliveAfterTheLastPingresp() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        publishEvery100Millis(bench, 60_000);

        assertThat(bench.broker.sent(MqttMessageType.PUBLISH)).hasSizeGreaterThan(500);
        assertPingsEveryHalfKeepalive(bench.broker.sent(MqttMessageType.PINGREQ), 0);
    }

    @Test
    void legacyProfilePingsOnlyWhenIdle() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_4);
        publishEvery100Millis(bench, 60_000);
        assertThat(bench.broker.sent(MqttMessageType.PINGREQ)).isEmpty();

        List<Sent> publishes = bench.broker.sent(MqttMessageType.PUBLISH);
        long lastWrite = publishes.get(publishes.size() - 1).at();
        bench.clock.advance(K / 2 + P);
        List<Sent> pings = bench.broker.sent(MqttMessageType.PINGREQ);
        assertThat(pings).hasSize(1);
        assertThat(pings.get(0).at() - lastWrite).isBetween(K / 2, K / 2 + P);
        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
    }

    @Test
    void withheldPingrespDisconnectsKAfterTheLastPingrespWithoutDisconnectPacket() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        bench.clock.advance(12_000);
        List<Sent> answered = bench.broker.sent(MqttMessageType.PINGREQ);
        assertThat(answered).hasSize(2);
        long lastPingresp = answered.get(1).at();
        bench.broker.answerPings = false;

        bench.clock.advance(20_000);

        long disconnectedAt = bench.times(EspEvent.Disconnected.class).get(0);
        assertThat(disconnectedAt - lastPingresp).isBetween(K, K + P);
        assertThat(bench.lineTimes("E (" + disconnectedAt + ") mqtt_client: No PING_RESP, disconnected"))
                .containsExactly(disconnectedAt);
        assertThat(bench.broker.sent(MqttMessageType.PINGREQ).stream()
                .filter(s -> s.link() == 0 && s.at() > lastPingresp))
                .as("one unanswered PINGREQ, no second one").hasSize(1);
        assertThat(bench.broker.links.get(0).closedByDevice).isTrue();
        assertThat(bench.broker.sent(MqttMessageType.DISCONNECT)).isEmpty();
        assertThat(bench.eventValues()).doesNotHaveAnyElementsOfTypes(EspEvent.Error.class);
    }

    private static void publishEvery100Millis(VirtualDevice bench, long duration) {
        for (long t = 0; t < duration; t += 100) {
            bench.publish("t/busy", 1);
            bench.clock.advance(100);
        }
    }

    /** Each PINGREQ follows the previous PINGRESP (answered at once) by K/2 .. K/2 + P. */
    private static void assertPingsEveryHalfKeepalive(List<Sent> pings, long connectedAt) {
        assertThat(pings).hasSizeGreaterThanOrEqualTo(10);
        long lastPingresp = connectedAt;
        for (Sent ping : pings) {
            assertThat(ping.at() - lastPingresp).isBetween(K / 2, K / 2 + P);
            lastPingresp = ping.at();
        }
    }
}
