package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

/**
 * MQTT 5 Receive Maximum from the CONNACK, as IDF 5.x enforces it: publishes are refused (-1,
 * {@code MQTT5 publish check fail}) while more QoS 1/2 PUBLISH packets than the maximum were written
 * without an ack; DUP re-sends count too, so slow acks keep publishing refused until the next
 * reconnect. On virtual time.
 */
class ReceiveMaximumTest {
    private static final long T_RT = Timings.COMPRESSED.retransmit();

    private static VirtualDevice withServerReceiveMaximum(MqttVersion protocol, int receiveMaximum) {
        VirtualDevice bench = new VirtualDevice(DeviceConfig.builder("broker", 1883, 31).timings(Timings.COMPRESSED)
                .protocol(protocol).build(), 31);
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(
                MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), receiveMaximum));
        bench.broker.connackProperties = properties;
        bench.broker.ackPublishes = false;
        bench.device.start();
        bench.clock.advance(0);
        return bench;
    }

    @Test
    void publishesAreRefusedOnceMoreThanTheMaximumAreUnacked() {
        VirtualDevice bench = withServerReceiveMaximum(MqttVersion.MQTT_5, 2);

        assertThat(bench.publish("t/a", 1)).isPositive();
        assertThat(bench.publish("t/a", 2)).isPositive();
        assertThat(bench.publish("t/a", 1)).as("2 unacked is not more than 2").isPositive();
        assertThat(bench.publish("t/a", 1)).isEqualTo(-1);
        assertThat(bench.publish("t/a", 0)).as("QoS 0 is checked too").isEqualTo(-1);
        assertThat(bench.lineTimes("MQTT5 publish check fail")).hasSize(2);
        assertThat(bench.lines).anyMatch(l -> l.value().contains(
                "E (0) mqtt_client: Client send more than 2 QoS1 and QoS2 PUBLISH packet without no ack"));
        assertThat(bench.device.outboxSize()).isEqualTo(3);
    }

    @Test
    void resendsUseTheBudgetUpUntilTheNextReconnect() {
        VirtualDevice bench = withServerReceiveMaximum(MqttVersion.MQTT_5, 2);
        int head = bench.publish("t/slow", 1);
        bench.clock.advance(3 * T_RT);
        assertThat(bench.broker.sent(MqttMessageType.PUBLISH)).hasSize(4);

        assertThat(bench.publish("t/a", 1)).as("one message in flight, sent 4 times").isEqualTo(-1);
        bench.broker.current().deliver(puback(head));
        assertThat(bench.eventValues()).contains(new EspEvent.Published(head));
        assertThat(bench.device.outboxSize()).isZero();
        assertThat(bench.publish("t/a", 1)).as("acked, but 3 still counted").isEqualTo(-1);

        bench.broker.current().closeFromPeer();
        bench.clock.advance(2_000);
        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
        assertThat(bench.publish("t/a", 1)).as("the count restarts with the CONNACK").isPositive();
    }

    @Test
    void mqtt311HasNoReceiveMaximum() {
        VirtualDevice bench = withServerReceiveMaximum(MqttVersion.MQTT_3_1_1, 2);
        for (int i = 0; i < 10; i++) {
            assertThat(bench.publish("t/a", 1)).isPositive();
        }
    }

    private static MqttMessage puback(int msgId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(msgId));
    }
}
