package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.VirtualHost;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttDisconnectToxicTest {
    private static final byte[] DISCONNECT_SHUTTING_DOWN = {
        (byte) 0xE0, // DISCONNECT
        0x02, // remaining length
        (byte) 0x8B, // server shutting down
        0x00, // no properties
    };

    private MqttWire wire;
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        wire.close();
        host.assertAllReleased();
        wire.assertAllReleased();
    }

    @Test
    void aLiveMqtt5SessionGetsADisconnectThenTheClose() {
        wire = MqttWire.downstream(5);
        host = new VirtualHost(Direction.DOWNSTREAM);
        host.session = MqttWire.connected(5);
        host.chain.update(List.of(VirtualHost.definition("kick", new MqttDisconnectToxic(null))));
        host.advanceMillis(0);

        assertThat(host.deliveredBytes()).isEqualTo(DISCONNECT_SHUTTING_DOWN);
        assertThat(host.injectedBytes).isEqualTo(4);
        assertThat(host.closedBy).containsExactly("kick");
    }

    @Test
    void aLiveMqtt311SessionIsClosedWithoutAPacket() {
        wire = MqttWire.downstream(4);
        host = new VirtualHost(Direction.DOWNSTREAM);
        host.session = MqttWire.connected(4);
        host.chain.update(List.of(VirtualHost.definition("kick", new MqttDisconnectToxic(0x98))));
        host.advanceMillis(0);

        assertThat(host.delivered).isEmpty();
        assertThat(host.closedBy).containsExactly("kick");
    }

    @Test
    void aNewSessionIsDroppedRightAfterItsAcceptingConnack() {
        wire = MqttWire.downstream(5);
        host = new VirtualHost(Direction.DOWNSTREAM);
        host.chain.update(List.of(VirtualHost.definition("kick", new MqttDisconnectToxic(0x9C))));
        host.advanceMillis(0);
        assertThat(host.closedBy).isEmpty();

        host.session = MqttWire.connected(5);
        byte[] connack = wire.encode(MqttWire.connack(MqttConnectReturnCode.CONNECTION_ACCEPTED));
        byte[] publish = wire.encode(MqttWire.publish(0, 0, 5));
        byte[] both = Arrays.copyOf(connack, connack.length + publish.length);
        System.arraycopy(publish, 0, both, connack.length, publish.length);
        wire.send(host, both);

        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("CONNACK", "DISCONNECT");
        byte[] out = host.deliveredBytes();
        assertThat(out[connack.length + 2]).isEqualTo((byte) 0x9C);
        assertThat(host.closedBy).containsExactly("kick");
    }

    @Test
    void aRefusingConnackPasses() {
        wire = MqttWire.downstream(4);
        host = VirtualHost.with(new MqttDisconnectToxic(null));
        wire.send(host, wire.encode(MqttWire.connack(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED),
                MqttWire.simple(MqttMessageType.PINGRESP)));
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("CONNACK", "PINGRESP");
        assertThat(host.closedBy).isEmpty();
    }

    @Test
    void reasonAndStreamAreChecked() {
        wire = MqttWire.downstream(4);
        assertThat(new MqttDisconnectToxic(null).reason()).isEqualTo(0x8B);
        new MqttDisconnectToxic(0).validate();
        assertThatThrownBy(() -> new MqttDisconnectToxic(0x04).validate()).hasMessageContaining("reason");
        assertThatThrownBy(() -> new MqttDisconnectToxic(null).checkStream(Direction.UPSTREAM))
                .hasMessageContaining("downstream");
        host = VirtualHost.with();
    }
}
