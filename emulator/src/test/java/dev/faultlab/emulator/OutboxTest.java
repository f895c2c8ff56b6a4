package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.faultlab.emulator.FakeBroker.Sent;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 4, items 5 and 8: re-sends of the outbox head, expiry, PUBLISHED, and offline messages. */
class OutboxTest {
    private static final long T_RT = Timings.COMPRESSED.retransmit();
    private static final long T_EXP = Timings.COMPRESSED.outboxExpiry();

    @Test
    void unackedHeadIsResentEveryRetransmitWithDupUntilItExpires() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        bench.broker.ackPublishes = false;
        bench.clock.advance(100);
        long t0 = bench.clock.nowMillis();
        int head = bench.publish("t/a", 1);
        bench.clock.advance(2 * T_RT);
        int second = bench.publish("t/b", 1);
        bench.clock.advanceTo(t0 + T_EXP + T_RT);

        assertThat(bench.eventValues()).contains(new EspEvent.Deleted(head))
                .doesNotHaveAnyElementsOfTypes(EspEvent.Published.class);
        long deletedAt = bench.times(EspEvent.Deleted.class).get(0);
        assertThat(deletedAt - t0).as("dropped after T_exp, at the next wake-up").isBetween(T_EXP, T_EXP + T_RT);
        List<Sent> copies = copiesOf(bench, head);
        assertThat(copies.get(0)).extracting(Sent::at, Sent::dup).containsExactly(t0, false);
        List<Sent> resends = copies.subList(1, copies.size());
        assertThat(resends).allMatch(Sent::dup).allMatch(s -> s.at() < deletedAt)
                .hasSizeGreaterThanOrEqualTo((int) (T_EXP / T_RT) - 2);
        for (int i = 1; i < resends.size(); i++) {
            assertThat(resends.get(i).at() - resends.get(i - 1).at()).isEqualTo(T_RT);
        }
        List<Sent> secondCopies = copiesOf(bench, second);
        assertThat(secondCopies.get(0).dup()).isFalse();
        assertThat(secondCopies.subList(1, secondCopies.size())).as("only the head is re-sent")
                .allMatch(s -> s.at() >= deletedAt && s.dup());
        assertThat(bench.device.outboxSize()).isEqualTo(1);
    }

    @Test
    void publishedFiresOnceWhenThePubackComesInTime() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        bench.broker.replyDelay = T_RT + 200;
        int id = bench.publish("t/slow", 1);
        bench.clock.advance(5 * T_RT);

        assertThat(copiesOf(bench, id)).extracting(Sent::dup).containsExactly(false, true);
        assertThat(bench.eventValues().stream().filter(e -> e instanceof EspEvent.Published))
                .containsExactly(new EspEvent.Published(id));
        assertThat(bench.device.outboxSize()).isZero();
    }

    @Test
    void messagesQueuedOfflineGoFirstWithoutDupThenUnackedOnesWithDup() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        bench.broker.ackPublishes = false;
        int unacked = bench.publish("t/unacked", 1);
        bench.clock.advance(100);
        bench.broker.current().closeFromPeer();
        assertThat(bench.device.state()).isEqualTo(DeviceState.WAIT_RECONNECT);

        int first = bench.publish("t/offline", 1);
        int secondOffline = bench.publish("t/offline", 2);
        assertThat(bench.publish("t/offline", 0)).as("QoS 0 is dropped while offline").isEqualTo(-1);
        bench.clock.advance(2_000);

        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
        List<Sent> afterReconnect = bench.broker.sent(MqttMessageType.PUBLISH).stream()
                .filter(s -> s.link() == 1).toList();
        assertThat(afterReconnect).extracting(Sent::msgId, Sent::dup)
                .startsWith(tuple(first, false),
                        tuple(secondOffline, false),
                        tuple(unacked, true));
    }

    private static List<Sent> copiesOf(VirtualDevice bench, int msgId) {
        return bench.broker.sent(MqttMessageType.PUBLISH).stream().filter(s -> s.msgId() == msgId).toList();
    }
}
