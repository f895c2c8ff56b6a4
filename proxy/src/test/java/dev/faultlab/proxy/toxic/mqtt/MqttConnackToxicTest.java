package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.VirtualHost;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttConnackToxicTest {
    private final MqttWire wire = MqttWire.upstream();
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        wire.close();
        host.assertAllReleased();
        wire.assertAllReleased();
    }

    @Test
    void answersTheConnectItselfAndClosesWhileTheBrokerSeesNothing() {
        host = MqttWire.upstreamHost(new MqttConnackToxic(5, 0));
        wire.send(host, wire.encode(MqttWire.connect(4, "ESP32_1a2B3C"), MqttWire.publish(0, 0, 3)));

        assertThat(host.delivered).isEmpty();
        assertThat(host.replies).containsExactly(new byte[] {
            0x20, // CONNACK
            0x02, // remaining length
            0x00, // session present 0
            0x05, // not authorized
        });
        assertThat(host.closedBy).containsExactly("t");
    }

    @Test
    void anMqtt5ClientGetsAReasonCodeAndEmptyProperties() {
        host = MqttWire.upstreamHost(new MqttConnackToxic(0x87, 0));
        wire.send(host, wire.encode(MqttWire.connect(5, "v5")));

        assertThat(host.replies).containsExactly(new byte[] {
            0x20, // CONNACK
            0x03, // remaining length
            0x00, // session present 0
            (byte) 0x87, // not authorized
            0x00, // no properties
        });
    }

    @ParameterizedTest
    @CsvSource({
        "1, 4, 1", "5, 4, 5", "5, 3, 5",
        "1, 5, 0x84", "2, 5, 0x85", "3, 5, 0x88", "4, 5, 0x86", "5, 5, 0x87",
        "0x84, 4, 1", "0x85, 4, 2", "0x88, 4, 3", "0x86, 4, 4", "0x87, 4, 5",
        "0x8A, 4, 5", "0x8C, 4, 4", "0x80, 4, 3", "0x9C, 4, 3", "0x9C, 5, 0x9C"
    })
    void codesAreMappedToTheClientsVersion(String code, int level, String sent) {
        assertThat(MqttConnackToxic.codeFor(Integer.decode(code), level)).isEqualTo(Integer.decode(sent));
        host = VirtualHost.with();
    }

    @Test
    void aConnectInPiecesIsAnsweredOnceWhole() {
        host = MqttWire.upstreamHost(new MqttConnackToxic(3, 0));
        byte[] connect = wire.encode(MqttWire.connect(4, "a-rather-long-client-identifier-for-pieces"));
        wire.send(host, connect, 20);
        assertThat(host.replies).hasSize(1);
        assertThat(host.replies.get(0)[3]).isEqualTo((byte) 3);
        assertThat(host.droppedBytes).isEqualTo(connect.length);
    }

    @Test
    void countRefusesTheNextConnectsAcrossConnectionsThenLetsThemPass() {
        MqttConnackToxic toxic = new MqttConnackToxic(5, 2);
        for (int connection = 0; connection < 3; connection++) {
            try (MqttWire client = MqttWire.upstream()) {
                host = MqttWire.upstreamHost(toxic);
                client.send(host, client.encode(MqttWire.connect(4, "c" + connection),
                        MqttWire.simple(MqttMessageType.PINGREQ)));
                if (connection < 2) {
                    assertThat(host.replies).hasSize(1);
                    assertThat(host.delivered).isEmpty();
                } else {
                    assertThat(host.replies).isEmpty();
                    assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("CONNECT", "PINGREQ");
                }
                host.chain.discard();
                host.assertAllReleased();
                client.assertAllReleased();
            }
        }
        assertThat(toxic.refusals().left()).isZero();
    }

    @Test
    void anUpdateKeepsTheBudgetUnlessTheCountChanges() {
        MqttConnackToxic toxic = new MqttConnackToxic(5, 3);
        toxic.refusals().take();
        MqttConnackToxic recoded = (MqttConnackToxic) new MqttConnackToxic(4, 3).carriedFrom(toxic);
        MqttConnackToxic recounted = (MqttConnackToxic) new MqttConnackToxic(4, 5).carriedFrom(toxic);
        assertThat(recoded.refusals()).isSameAs(toxic.refusals());
        assertThat(recoded.refusals().left()).isEqualTo(2);
        assertThat(recounted.refusals().left()).isEqualTo(5);
        host = VirtualHost.with();
    }

    @Test
    void anUnfinishedConnectAndPlainTcpAreNotAnswered() {
        host = MqttWire.upstreamHost(new MqttConnackToxic(5, 0));
        wire.send(host, new byte[] {0x10});
        assertThat(host.replies).isEmpty();
        host.chain.discard();
        host = MqttWire.upstreamHost(new MqttConnackToxic(5, 0));
        host.send(new byte[] {(byte) 0xC0, 0});
        assertThat(host.deliveredBytes()).containsExactly(0xC0, 0);
    }

    @Test
    void attributesAndStreamAreChecked() {
        assertThat(new MqttConnackToxic(null, 0, null).code()).isEqualTo(5);
        assertThatThrownBy(() -> new MqttConnackToxic(0, 0).validate()).hasMessageContaining("code");
        assertThatThrownBy(() -> new MqttConnackToxic(6, 0).validate()).hasMessageContaining("code");
        assertThatThrownBy(() -> new MqttConnackToxic(0x8B, 0).validate()).hasMessageContaining("code");
        assertThatThrownBy(() -> new MqttConnackToxic(5, -1).validate()).hasMessageContaining("count");
        assertThatThrownBy(() -> new MqttConnackToxic(5, 0).checkStream(Direction.DOWNSTREAM))
                .hasMessageContaining("upstream");
        new MqttConnackToxic(5, 0).checkStream(Direction.UPSTREAM);
        host = VirtualHost.with();
    }
}
