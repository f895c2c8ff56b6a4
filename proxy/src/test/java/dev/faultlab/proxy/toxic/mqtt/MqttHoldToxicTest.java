package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.toxic.VirtualHost;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttHoldToxicTest {
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
    void holdsMatchingPacketsUntilRemovalThenReleasesThemInOrder() {
        host = VirtualHost.with(new MqttHoldToxic(List.of("PUBACK")));
        wire.send(host, wire.encode(MqttWire.puback(1), MqttWire.simple(MqttMessageType.PINGRESP), MqttWire.puback(2)));
        host.advanceMillis(60_000);
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PINGRESP");

        host.chain.update(List.of());
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PINGRESP", "PUBACK", "PUBACK");
        byte[] bytes = host.deliveredBytes();
        assertThat(bytes[5]).isEqualTo((byte) 1);
        assertThat(bytes[9]).isEqualTo((byte) 2);
    }

    @Test
    void aPassingPacketInPiecesGoesOnOnceCompleteWhileOthersAreHeld() {
        host = VirtualHost.with(new MqttHoldToxic(List.of("PUBACK")));
        wire.send(host, wire.encode(MqttWire.puback(1)));
        byte[] publish = wire.encode(MqttWire.publish(1, 5, 4000));
        wire.send(host, publish, 1000);

        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBLISH");
        assertThat(host.deliveredBytes()).isEqualTo(publish);
        host.chain.update(List.of());
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBLISH", "PUBACK");
    }

    @Test
    void anUpdateHandsHeldPacketsToTheNewStageWhichKeepsHoldingThem() {
        host = VirtualHost.with(new MqttHoldToxic(List.of("PUBACK")));
        wire.send(host, wire.encode(MqttWire.puback(1)));
        host.chain.update(List.of(VirtualHost.definition("t0", new MqttHoldToxic(List.of("PUBACK", "PINGRESP")))));
        wire.send(host, wire.encode(MqttWire.simple(MqttMessageType.PINGRESP)));
        assertThat(host.delivered).isEmpty();

        host.chain.update(List.of());
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBACK", "PINGRESP");
    }

    @Test
    void theEndOfTheStreamStaysBehindHeldPackets() {
        host = VirtualHost.with(new MqttHoldToxic(List.of("PUBACK")));
        wire.send(host, wire.encode(MqttWire.puback(1)));
        host.end();
        assertThat(host.delivered).isEmpty();
        host.chain.update(List.of());
        assertThat(host.delivered).hasSize(2);
        assertThat(host.delivered.get(1).isEnd()).isTrue();
    }

    @Test
    void withNothingHeldTheEndPassesAtOnce() {
        host = VirtualHost.with(new MqttHoldToxic(List.of("PUBACK")));
        host.end();
        assertThat(host.delivered).hasSize(1);
    }

    @Test
    void discardDropsHeldPackets() {
        host = VirtualHost.with(new MqttHoldToxic(List.of("PUBACK")));
        wire.send(host, wire.encode(MqttWire.puback(1), MqttWire.puback(2)));
        host.chain.discard();
        assertThat(host.droppedBytes).isEqualTo(8);
    }
}
