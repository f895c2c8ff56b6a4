package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.VirtualHost;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttDropToxicTest {
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
    void dropsMatchingPacketsAndPassesTheRest() {
        host = VirtualHost.with(new MqttDropToxic(List.of("pingresp"), 0, null));
        byte[] pingresp = wire.encode(MqttWire.simple(MqttMessageType.PINGRESP));
        byte[] bytes = wire.encode(MqttWire.connack(MqttConnectReturnCode.CONNECTION_ACCEPTED),
                MqttWire.simple(MqttMessageType.PINGRESP), MqttWire.puback(7),
                MqttWire.simple(MqttMessageType.PINGRESP));
        wire.send(host, bytes);

        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("CONNACK", "PUBACK");
        assertThat(host.droppedBytes).isEqualTo(2L * pingresp.length);
    }

    @Test
    void aChunkWithoutMatchesGoesOnWhole() {
        host = VirtualHost.with(new MqttDropToxic(List.of("PINGRESP"), 0, null));
        wire.send(host, wire.encode(MqttWire.puback(1), MqttWire.puback(2), MqttWire.publish(1, 3, 10)));

        assertThat(host.delivered).hasSize(1);
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBACK", "PUBACK", "PUBLISH");
    }

    @Test
    void aLargeMatchedPacketIsDroppedWithItsContinuation() {
        host = VirtualHost.with(new MqttDropToxic(List.of("PUBLISH"), 0, null));
        byte[] big = wire.encode(MqttWire.publish(1, 1, 5000));
        byte[] bytes = wire.encode(MqttWire.puback(9));
        byte[] all = new byte[big.length + bytes.length];
        System.arraycopy(big, 0, all, 0, big.length);
        System.arraycopy(bytes, 0, all, big.length, bytes.length);
        wire.send(host, all, 1500);

        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBACK");
        assertThat(host.droppedBytes).isEqualTo(big.length);
    }

    @Test
    void countDropsOnlyTheNextMatchingPackets() {
        host = VirtualHost.with(new MqttDropToxic(List.of("PUBACK"), 2, null));
        for (int i = 1; i <= 4; i++) {
            wire.send(host, wire.encode(MqttWire.puback(i)));
        }
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBACK", "PUBACK");
        assertThat(host.droppedChunks).isEqualTo(2);
    }

    @Test
    void probabilityIsRolledPerPacketFromTheSeededRandom() {
        int[] passed = new int[2];
        for (int run = 0; run < 2; run++) {
            host = new VirtualHost(Direction.DOWNSTREAM, 7);
            host.chain.update(List.of(VirtualHost.definition("d", new MqttDropToxic(List.of("PUBACK"), 0, 0.25))));
            for (int i = 0; i < 400; i++) {
                wire.send(host, wire.encode(MqttWire.puback(i + 1)));
            }
            passed[run] = MqttWire.packets(host.deliveredBytes()).size();
            host.chain.discard();
        }
        assertThat(passed[0]).isEqualTo(passed[1]).isBetween(260, 340);
    }

    @Test
    void plainTcpPassesUnchanged() {
        host = VirtualHost.with(new MqttDropToxic(List.of("PINGRESP"), 0, null));
        host.send(new byte[] {(byte) 0xD0, 0});
        assertThat(host.deliveredBytes()).containsExactly(0xD0, 0);
    }

    @Test
    void attributesAreChecked() {
        assertThatThrownBy(() -> new MqttDropToxic(List.of(), 0, null).validate()).hasMessageContaining("packets");
        assertThatThrownBy(() -> new MqttDropToxic(List.of("PONG"), 0, null).validate()).hasMessageContaining("PONG");
        assertThatThrownBy(() -> new MqttDropToxic(List.of("PUBACK"), -1, null).validate()).hasMessageContaining("count");
        assertThatThrownBy(() -> new MqttDropToxic(List.of("PUBACK"), 0, 1.5).validate())
                .hasMessageContaining("probability");
        assertThat(new MqttDropToxic(List.of("pubAck"), 0, null)).isEqualTo(new MqttDropToxic(List.of("PUBACK"), 0, 1.0));
        host = VirtualHost.with();
    }
}
