package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.toxic.VirtualHost;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttDelayToxicTest {
    private final MqttWire wire = MqttWire.downstream(4);
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        wire.close();
        host.assertAllReleased();
        wire.assertAllReleased();
    }

    @Test
    void matchingPacketsAreDelayedAndOthersPassAtOnce() {
        host = VirtualHost.with(new MqttDelayToxic(List.of("PUBACK"), 100, 0));
        wire.send(host, wire.encode(MqttWire.puback(1), MqttWire.simple(MqttMessageType.PINGRESP)));

        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PINGRESP");
        host.advanceMillis(99);
        assertThat(host.delivered).hasSize(1);
        host.advanceMillis(1);
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PINGRESP", "PUBACK");
        assertThat(host.dataTimesMillis()).containsExactly(0L, 100L);
    }

    @Test
    void matchedPacketsKeepTheirOrderUnderJitter() {
        host = VirtualHost.with(new MqttDelayToxic(List.of("PUBACK"), 50, 40));
        for (int id = 1; id <= 100; id++) {
            wire.send(host, wire.encode(MqttWire.puback(id)));
            host.advanceMillis(1);
        }
        host.advanceMillis(200);
        List<Integer> ids = new ArrayList<>();
        byte[] bytes = host.deliveredBytes();
        for (int at = 0; at < bytes.length; at += 4) {
            ids.add(((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF));
        }
        assertThat(ids).hasSize(100).isSorted();
        assertThat(host.delivered).extracting(VirtualHost.Delivered::at).isSorted();
    }

    @Test
    void aLargeDelayedPacketLeavesWholeAndIsNeverCutIntoByAPassingOne() {
        host = VirtualHost.with(new MqttDelayToxic(List.of("PUBLISH"), 100, 0));
        byte[] publish = wire.encode(MqttWire.publish(1, 1, 5000));
        for (int at = 0; at < publish.length; at += 1500) {
            wire.send(host, java.util.Arrays.copyOfRange(publish, at, Math.min(publish.length, at + 1500)));
            host.advanceMillis(10);
        }
        wire.send(host, wire.encode(MqttWire.puback(9)));
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBACK");

        host.advanceMillis(100);
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBACK", "PUBLISH");
        assertThat(host.dataTimesMillis()).containsExactly(40L, 100L, 100L, 100L, 100L);
    }

    @Test
    void aPassingPacketWaitsForTheRestOfADelayedPacketAlreadyUnderWay() {
        host = VirtualHost.with(new MqttDelayToxic(List.of("PUBLISH"), 10, 0));
        byte[] publish = wire.encode(MqttWire.publish(1, 1, 3000));
        byte[] ping = wire.encode(MqttWire.simple(MqttMessageType.PINGRESP));
        wire.send(host, java.util.Arrays.copyOf(publish, 1500));
        host.advanceMillis(50);
        assertThat(host.delivered).hasSize(1);

        byte[] rest = new byte[publish.length - 1500 + ping.length];
        System.arraycopy(publish, 1500, rest, 0, publish.length - 1500);
        System.arraycopy(ping, 0, rest, publish.length - 1500, ping.length);
        wire.send(host, rest);
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBLISH", "PINGRESP");
    }

    @Test
    void theEndOfTheStreamWaitsForDelayedPackets() {
        host = VirtualHost.with(new MqttDelayToxic(List.of("PUBACK"), 100, 0));
        wire.send(host, wire.encode(MqttWire.puback(1)));
        host.end();
        assertThat(host.delivered).isEmpty();
        host.advanceMillis(100);
        assertThat(host.delivered).hasSize(2);
        assertThat(host.delivered.get(1).isEnd()).isTrue();
    }

    @Test
    void removalSendsEverythingDelayedAtOnceInOrder() {
        host = VirtualHost.with(new MqttDelayToxic(List.of("PUBACK"), 1000, 0));
        wire.send(host, wire.encode(MqttWire.puback(1), MqttWire.puback(2)));
        host.chain.update(List.of());
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBACK", "PUBACK");
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void discardDropsWhatIsDelayed() {
        host = VirtualHost.with(new MqttDelayToxic(List.of("PUBACK"), 1000, 0));
        wire.send(host, wire.encode(MqttWire.puback(1)));
        host.chain.discard();
        assertThat(host.delivered).isEmpty();
        assertThat(host.droppedBytes).isEqualTo(4);
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void attributesAreChecked() {
        assertThatThrownBy(() -> new MqttDelayToxic(List.of("PUBACK"), -1, 0).validate()).hasMessageContaining("delay");
        assertThatThrownBy(() -> new MqttDelayToxic(List.of("PUBACK"), 1, -1).validate()).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new MqttDelayToxic(null, 1, 0).validate()).hasMessageContaining("packets");
        host = VirtualHost.with();
    }
}
