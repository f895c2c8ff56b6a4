package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.toxic.VirtualHost;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttDuplicateToxicTest {
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
    void aQos1PublishIsFollowedByACopyWithDupSet() {
        host = VirtualHost.with(new MqttDuplicateToxic(0));
        byte[] publish = wire.encode(MqttWire.publish(1, 42, 10));
        wire.send(host, publish);

        byte[] out = host.deliveredBytes();
        assertThat(MqttWire.packets(out)).containsExactly("PUBLISH", "PUBLISH(dup)");
        assertThat(Arrays.copyOf(out, publish.length)).isEqualTo(publish);
        byte[] copy = Arrays.copyOfRange(out, publish.length, out.length);
        assertThat(copy[0]).isEqualTo((byte) (publish[0] | 0x08));
        assertThat(Arrays.copyOfRange(copy, 1, copy.length)).isEqualTo(Arrays.copyOfRange(publish, 1, publish.length));
        assertThat(host.injectedBytes).isEqualTo(publish.length);
    }

    @Test
    void qos0PublishesAndOtherPacketsPassAlone() {
        host = VirtualHost.with(new MqttDuplicateToxic(0));
        wire.send(host, wire.encode(MqttWire.publish(0, 0, 10), MqttWire.puback(3), MqttWire.publish(2, 4, 1)));
        assertThat(MqttWire.packets(host.deliveredBytes()))
                .containsExactly("PUBLISH", "PUBACK", "PUBLISH", "PUBLISH(dup)");
    }

    @Test
    void countDuplicatesOnlyTheNextPublishes() {
        host = VirtualHost.with(new MqttDuplicateToxic(1));
        wire.send(host, wire.encode(MqttWire.publish(1, 1, 1), MqttWire.publish(1, 2, 1)));
        assertThat(MqttWire.packets(host.deliveredBytes())).containsExactly("PUBLISH", "PUBLISH(dup)", "PUBLISH");
    }

    @Test
    void aLargePublishIsCopiedWholeOnceItsLastPieceHasPassed() {
        host = VirtualHost.with(new MqttDuplicateToxic(0));
        byte[] publish = wire.encode(MqttWire.publish(1, 7, 6000));
        wire.send(host, publish, 1000);

        byte[] out = host.deliveredBytes();
        assertThat(MqttWire.packets(out)).containsExactly("PUBLISH", "PUBLISH(dup)");
        assertThat(Arrays.copyOfRange(out, publish.length + 1, out.length))
                .isEqualTo(Arrays.copyOfRange(publish, 1, publish.length));
    }

    @Test
    void removalHalfWayThroughAPublishReleasesTheUnfinishedCopy() {
        host = VirtualHost.with(new MqttDuplicateToxic(0));
        byte[] publish = wire.encode(MqttWire.publish(1, 7, 3000));
        wire.send(host, Arrays.copyOf(publish, 1000));
        host.chain.update(List.of());
        wire.send(host, Arrays.copyOfRange(publish, 1000, publish.length));
        assertThat(host.deliveredBytes()).isEqualTo(publish);
    }
}
