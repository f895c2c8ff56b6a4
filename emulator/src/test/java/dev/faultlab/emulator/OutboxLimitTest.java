package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code outbox_limit}: a QoS 1/2 publish whose payload would take the stored packets past the limit
 * returns -2 and is not kept; a subscribe returns -2 once the outbox is over it; QoS 0 is never
 * counted; acks make room again. On virtual time.
 */
class OutboxLimitTest {
    /** The stored length of a QoS 1 PUBLISH on {@code t/a} (5 bytes) with 40 bytes of payload: 2 + 47. */
    private static final int STORED = 49;

    private static VirtualDevice limited(long limit) {
        return new VirtualDevice(DeviceConfig.builder("broker", 1883, 21).timings(Timings.COMPRESSED)
                .outboxLimit(limit).build(), 21);
    }

    private static int publish(VirtualDevice bench, int qos) {
        return bench.device.publish("t/a", new byte[40], qos, false).join();
    }

    @Test
    void aPublishThatWouldPassTheLimitReturnsMinusTwoAndIsNotKept() {
        VirtualDevice bench = limited(100);

        assertThat(publish(bench, 1)).as("40 + 0 <= 100").isPositive();
        assertThat(publish(bench, 1)).as("40 + 49 <= 100").isPositive();
        assertThat(publish(bench, 1)).as("40 + 98 > 100").isEqualTo(-2);
        assertThat(publish(bench, 2)).isEqualTo(-2);
        assertThat(bench.device.outboxSize()).isEqualTo(2);
        assertThat(bench.device.outbox().storedBytes(false)).isEqualTo(2 * STORED);
    }

    @Test
    void acksMakeRoomAndQos0IsNeverCounted() {
        VirtualDevice bench = limited(60);
        assertThat(publish(bench, 1)).isPositive();
        assertThat(publish(bench, 1)).isEqualTo(-2);

        bench.device.start();
        bench.clock.advance(100);
        assertThat(bench.device.outboxSize()).as("sent on connect and acked").isZero();
        assertThat(publish(bench, 1)).isPositive();
        bench.clock.advance(100);
        bench.broker.ackPublishes = false;
        assertThat(publish(bench, 1)).as("the last one was acked").isPositive();
        assertThat(publish(bench, 1)).isEqualTo(-2);
        assertThat(publish(bench, 0)).as("QoS 0 goes out whatever the outbox holds").isZero();
    }

    @Test
    void aSubscribeIsRefusedOnceTheOutboxIsOverTheLimit() {
        VirtualDevice bench = limited(STORED + 10);
        bench.device.start();
        bench.clock.advance(100);
        bench.broker.ackPublishes = false;
        assertThat(publish(bench, 1)).isPositive();
        assertThat(bench.device.subscribe("cmd/#", 1).join()).as("49 stored, not over 59").isPositive();
        bench.clock.advance(100);

        assertThat(publish(bench, 1)).isEqualTo(-2);
        byte[] empty = new byte[0];
        assertThat(bench.device.publish("t/a", empty, 1, false).join()).as("0 + 49 <= 59").isPositive();
        assertThat(bench.device.publish("t/a", empty, 1, false).join()).as("0 + 58 <= 59").isPositive();
        assertThat(bench.device.subscribe("cmd/#", 1).join()).as("67 stored, over 59").isEqualTo(-2);
    }

    @Test
    void withoutALimitTheOutboxGrowsAsItWill() {
        VirtualDevice bench = limited(0);
        for (int i = 0; i < 100; i++) {
            assertThat(publish(bench, 1)).isPositive();
        }
        assertThat(bench.device.outboxSize()).isEqualTo(100);
    }
}
