package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.emulator.FakeBroker.Sent;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * stop(), reconnect() without auto-reconnect, MQTT 5 CONNACK overrides, subscriptions made on every
 * CONNECTED, and the QoS 2 flows, on virtual time.
 */
class LifecycleTest {

    @Test
    void stopSendsDisconnectClosesAndNeverReconnects() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        bench.device.stop();
        bench.clock.advance(10_000);

        List<Sent> sent = bench.broker.sent;
        assertThat(sent.get(sent.size() - 1).type()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(bench.broker.links).hasSize(1);
        assertThat(bench.broker.links.get(0).closedByDevice).isTrue();
        assertThat(bench.device.state()).isEqualTo(DeviceState.DISCONNECTED);
        assertThat(bench.eventValues()).endsWith(new EspEvent.Disconnected());
    }

    @Test
    void stopWhileWaitingToReconnectSendsNothing() {
        VirtualDevice bench = new VirtualDevice(Timings.COMPRESSED, Profile.ESP_IDF_5, 9);
        bench.broker.acceptTcp = false;
        bench.device.start();
        bench.clock.advance(0);
        bench.device.stop();
        bench.clock.advance(10_000);

        assertThat(bench.broker.opens).hasSize(1);
        assertThat(bench.broker.sent).isEmpty();
        assertThat(bench.device.state()).isEqualTo(DeviceState.DISCONNECTED);
    }

    @Test
    void withoutAutoReconnectTheDeviceWaitsForReconnect() {
        VirtualDevice bench = new VirtualDevice(DeviceConfig.builder("broker", 1883, 12)
                .timings(Timings.COMPRESSED).autoReconnect(false).build(), 12);
        bench.device.start();
        bench.clock.advance(0);
        bench.broker.current().closeFromPeer();
        bench.clock.advance(60_000);
        assertThat(bench.broker.opens).hasSize(1);
        assertThat(bench.device.state()).isEqualTo(DeviceState.WAIT_RECONNECT);

        bench.device.reconnect();
        bench.clock.advance(0);
        assertThat(bench.broker.opens).hasSize(2);
        assertThat(bench.device.state()).isEqualTo(DeviceState.CONNECTED);
    }

    @Test
    void mqtt5ConnackOverridesKeepaliveAndClientIdForLaterConnections() {
        VirtualDevice bench = new VirtualDevice(DeviceConfig.builder("broker", 1883, 13)
                .timings(Timings.COMPRESSED.withKeepalive(60_000)).protocol(MqttVersion.MQTT_5).build(), 13);
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(
                MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE.value(), 4));
        properties.add(new MqttProperties.StringProperty(
                MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), "assigned-1"));
        bench.broker.connackProperties = properties;
        bench.device.start();
        bench.clock.advance(10_000);

        assertThat(bench.broker.sent(MqttMessageType.PINGREQ).get(0).at()).as("K/2 of the server's 4 s")
                .isEqualTo(2_000);
        bench.broker.current().closeFromPeer();
        bench.clock.advance(2_000);
        assertThat(bench.broker.connects).extracting(FakeBroker.Connect::keepAliveSeconds).containsExactly(60, 4);
        assertThat(bench.broker.connects.get(1).clientId()).isEqualTo("assigned-1");
        assertThat(bench.device.clientId()).isEqualTo("assigned-1");
    }

    @Test
    void subscriptionsAreMadeOnEveryConnected() {
        VirtualDevice bench = new VirtualDevice(DeviceConfig.builder("broker", 1883, 11).timings(Timings.COMPRESSED)
                .subscriptions(List.of(new Subscription("cmd/#", 1))).build(), 11);
        Device device = bench.device;
        device.start();
        bench.clock.advance(0);
        bench.broker.current().closeFromPeer();
        bench.clock.advance(2_000);

        assertThat(bench.broker.sent(MqttMessageType.SUBSCRIBE)).extracting(Sent::link).containsExactly(0, 1);
        assertThat(device.outboxSize()).isZero();
    }

    @Test
    void qos2PublishCompletesWithPubrelAndPublishedOnPubcomp() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        int id = bench.publish("t/q2", 2);
        bench.clock.advance(100);

        assertThat(bench.broker.sent).extracting(Sent::type).endsWith(MqttMessageType.PUBLISH, MqttMessageType.PUBREL);
        assertThat(bench.eventValues()).contains(new EspEvent.Published(id));
        assertThat(bench.device.outboxSize()).isZero();
    }

    @Test
    void inboundQos2IsAnsweredAndNotDeduplicated() {
        VirtualDevice bench = VirtualDevice.started(Profile.ESP_IDF_5);
        for (int copy = 0; copy < 2; copy++) {
            bench.broker.current().deliver(new MqttPublishMessage(
                    new MqttFixedHeader(MqttMessageType.PUBLISH, copy == 1, MqttQoS.EXACTLY_ONCE, false, 0),
                    new MqttPublishVariableHeader("cmd/led", 77),
                    Unpooled.wrappedBuffer("on".getBytes(StandardCharsets.UTF_8))));
        }

        assertThat(bench.eventValues().stream().filter(e -> e instanceof EspEvent.Data)).hasSize(2);
        assertThat(bench.broker.sent(MqttMessageType.PUBREC)).extracting(Sent::msgId).containsExactly(77, 77);
    }
}
