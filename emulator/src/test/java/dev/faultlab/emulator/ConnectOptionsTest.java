package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.faultlab.emulator.FakeBroker.Sent;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The less common connection options on virtual time: {@code disable_keepalive}, the null client id
 * with an MQTT 5 assigned one, the DISCONNECT reason 0x04, and {@code disconnect()}.
 */
class ConnectOptionsTest {

    private static VirtualDevice started(UnaryOperator<DeviceConfig.Builder> configure) {
        VirtualDevice bench = new VirtualDevice(configure.apply(DeviceConfig.builder("broker", 1883, 51)
                .timings(Timings.COMPRESSED)).build(), 51);
        bench.device.start();
        bench.clock.advance(0);
        return bench;
    }

    @Test
    void disableKeepaliveSendsZeroAndNeverPings() {
        VirtualDevice bench = started(c -> c.disableKeepalive(true));
        bench.clock.advance(600_000);

        assertThat(bench.broker.connects).extracting(FakeBroker.Connect::keepAliveSeconds).containsExactly(0);
        assertThat(bench.broker.sent(MqttMessageType.PINGREQ)).isEmpty();
        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
    }

    @Test
    void theNullClientIdConnectsEmptyAndTakesTheAssignedOneForLaterConnects() {
        MqttProperties assigned = new MqttProperties();
        assigned.add(new MqttProperties.StringProperty(
                MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), "auto-7F3A"));
        VirtualDevice bench = new VirtualDevice(DeviceConfig.builder("broker", 1883, 52).timings(Timings.COMPRESSED)
                .protocol(MqttVersion.MQTT_5).nullClientId().build(), 52);
        bench.broker.connackProperties = assigned;
        bench.device.start();
        bench.clock.advance(0);
        bench.broker.current().closeFromPeer();
        bench.clock.advance(2_000);

        assertThat(bench.broker.connects).extracting(FakeBroker.Connect::clientId).containsExactly("", "auto-7F3A");
        assertThat(bench.device.clientId()).isEqualTo("auto-7F3A");
    }

    @Test
    void stopSendsReasonFourWhenConfiguredInMqtt5Only() {
        assertThat(lastDisconnectReason(MqttVersion.MQTT_5, true)).isEqualTo(0x04);
        assertThat(lastDisconnectReason(MqttVersion.MQTT_5, false)).isZero();
        assertThat(lastDisconnectReason(MqttVersion.MQTT_3_1_1, true)).isZero();
    }

    private static int lastDisconnectReason(MqttVersion protocol, boolean withWill) {
        VirtualDevice bench = started(c -> c.protocol(protocol).disconnectWithWill(withWill));
        bench.device.stop();
        bench.clock.advance(0);
        return bench.broker.sent(MqttMessageType.DISCONNECT).get(0).reason();
    }

    @Test
    void disconnectSendsDisconnectClosesAndReconnectsAfterTheDelay() {
        VirtualDevice bench = started(c -> c.protocol(MqttVersion.MQTT_5).disconnectWithWill(true));
        bench.clock.advance(100);
        bench.device.disconnect();

        assertThat(bench.broker.sent(MqttMessageType.DISCONNECT)).extracting(Sent::link, Sent::reason)
                .containsExactly(tuple(0, 0x04));
        assertThat(bench.broker.links.get(0).closedByDevice).isTrue();
        assertThat(bench.device.state()).isEqualTo(DeviceState.WAIT_RECONNECT);
        assertThat(bench.lineTimes("Client asked to disconnect")).containsExactly(100L);
        bench.clock.advance(Timings.COMPRESSED.reconnect() * 3 / 2);
        assertThat(bench.broker.opens).hasSize(2);
        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
    }

    @Test
    void disconnectIsIgnoredUnlessConnected() {
        VirtualDevice bench = new VirtualDevice(Timings.COMPRESSED, Profile.ESP_IDF_5, 53);
        bench.device.disconnect();
        bench.clock.advance(10_000);

        assertThat(bench.broker.opens).isEmpty();
        assertThat(bench.device.state()).isEqualTo(DeviceState.DISCONNECTED);
    }
}
