package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, items 6 and 7 on virtual time: a peer that stops reading, and a packet that stops halfway;
 * and a device that stops reading (its PINGRESP waits unread).
 */
class StallTest {
    private static final long N = Timings.COMPRESSED.network();
    private static final long P = Timings.COMPRESSED.poll();

    @Test
    void writeWithoutProgressForNAbortsWithoutError() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        bench.clock.advance(500);
        bench.broker.current().stopReading = true;
        long stalledAt = bench.clock.nowMillis();
        bench.publish("t/big", 0);
        bench.clock.advance(N + 100);

        assertThat(bench.times(EspEvent.Disconnected.class)).containsExactly(stalledAt + N);
        String line = "E (" + (stalledAt + N) + ") mqtt_client: Writing didn't complete in specified timeout";
        assertThat(bench.lineTimes(line))
                .hasSize(1);
        assertThat(bench.eventValues()).doesNotHaveAnyElementsOfTypes(EspEvent.Error.class);
        assertThat(bench.broker.links.get(0).closedByDevice).isTrue();
    }

    /** Eight seconds: under K, as the stalled peer answers no PINGREQ either. */
    @Test
    void slowButProgressingWritesKeepTheConnection() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        FakeBroker.FakeLink link = bench.broker.current();
        link.stopReading = true;
        for (int i = 0; i < 8; i++) {
            bench.publish("t/slow", 0);
            bench.clock.advance(N / 2);
            link.completed++;
            link.pending--;
        }

        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
    }

    @Test
    void partialPacketThatStallsLongerThanPollAborts() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        bench.clock.advance(300);
        long startedAt = bench.clock.nowMillis();
        bench.broker.current().partialData(true);
        bench.clock.advance(P + 100);

        assertThat(bench.times(EspEvent.Disconnected.class)).containsExactly(startedAt + P);
        assertThat(bench.lineTimes("mqtt_client: Network timeout while reading MQTT message")).hasSize(1);
        assertThat(bench.broker.sent(MqttMessageType.DISCONNECT)).isEmpty();
    }

    @Test
    void partialPacketCompletedInTimeIsKept() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        FakeBroker.FakeLink link = bench.broker.current();
        link.partialData(true);
        bench.clock.advance(P - 100);
        link.partialData(true);
        bench.clock.advance(P - 100);
        link.partialData(false);
        bench.clock.advance(5 * P);

        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
    }

    @Test
    void deviceThatStopsReadingMissesItsPingrespAndDisconnects() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        long k = bench.device.config().timings().keepalive();
        bench.device.reading(false);
        bench.clock.advance(k + P);

        assertThat(bench.broker.links.get(0).unread).extracting(m -> m.fixedHeader().messageType())
                .containsExactly(MqttMessageType.PINGRESP);
        assertThat(bench.lineTimes("mqtt_client: No PING_RESP, disconnected")).hasSize(1);
        assertThat(bench.device.state()).isEqualTo(DeviceState.WAIT_RECONNECT);
    }

    @Test
    void deviceThatResumesReadingInTimeTakesThePingrespAndStays() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        FakeBroker.FakeLink link = bench.broker.current();
        long k = bench.device.config().timings().keepalive();
        bench.device.reading(false);
        bench.clock.advance(k / 2 + P);
        assertThat(link.unread).hasSize(1);
        bench.device.reading(true);
        bench.clock.advance(k);

        assertThat(link.unread).isEmpty();
        assertThat(bench.lineTimes("mqtt_client: No PING_RESP, disconnected")).isEmpty();
        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
    }
}
