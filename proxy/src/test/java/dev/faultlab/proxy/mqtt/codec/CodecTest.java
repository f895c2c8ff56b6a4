package dev.faultlab.proxy.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Packets encoded by Netty's MQTT codec (an independent encoder), read back by ours. */
class CodecTest {
    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);

    @AfterEach
    void close() {
        encoder.finishAndReleaseAll();
    }

    @Test
    void connect311WithWillAndCredentials() throws Exception {
        Connect connect = Connect.parse(body(encode(MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1).clientId("ESP32_1a2B3C").keepAlive(120)
                .cleanSession(true).willFlag(true).willTopic("devices/ESP32_1a2B3C/status")
                .willMessage("offline".getBytes(StandardCharsets.UTF_8)).willQoS(MqttQoS.AT_LEAST_ONCE)
                .willRetain(true).hasUser(true).username("bench").hasPassword(true)
                .password("secret".getBytes(StandardCharsets.UTF_8)).build())));
        assertThat(connect.protocolLevel()).isEqualTo(4);
        assertThat(connect.versionName()).isEqualTo("3.1.1");
        assertThat(connect.clientId()).isEqualTo("ESP32_1a2B3C");
        assertThat(connect.keepAlive()).isEqualTo(120);
        assertThat(connect.cleanSession()).isTrue();
        assertThat(connect.username()).isEqualTo("bench");
        assertThat(connect.password()).isTrue();
        assertThat(connect.toString()).doesNotContain("secret");
        assertThat(connect.will()).isEqualTo(new Will("devices/ESP32_1a2B3C/status", 1, true,
                PayloadDigest.of("offline".getBytes(StandardCharsets.UTF_8)), null));
    }

    @Test
    void connect31UsesMqisdp() throws Exception {
        Connect connect = Connect.parse(body(encode(MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1).clientId("old").keepAlive(30).build())));
        assertThat(connect.protocolLevel()).isEqualTo(3);
        assertThat(connect.will()).isNull();
        assertThat(connect.username()).isNull();
    }

    @Test
    void connect5WithSessionExpiryReceiveMaximumAndWillDelay() throws Exception {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(0x11, 300));
        properties.add(new MqttProperties.IntegerProperty(0x21, 10));
        MqttProperties willProperties = new MqttProperties();
        willProperties.add(new MqttProperties.IntegerProperty(0x18, 5));
        Connect connect = Connect.parse(body(encode(MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_5).clientId("v5").keepAlive(2).cleanSession(false)
                .properties(properties).willFlag(true).willTopic("w").willMessage(new byte[3])
                .willProperties(willProperties).build())));
        assertThat(connect.protocolLevel()).isEqualTo(5);
        assertThat(connect.cleanSession()).isFalse();
        assertThat(connect.sessionExpiry()).isEqualTo(300L);
        assertThat(connect.receiveMaximum()).isEqualTo(10);
        assertThat(connect.will().delaySeconds()).isEqualTo(5L);
        assertThat(connect.will().payloadSize()).isEqualTo(3);
    }

    @Test
    void connack5CarriesAssignedClientIdAndServerKeepAlive() throws Exception {
        encode(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("").build()).release();
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(0x12, "auto-7f3a"));
        properties.add(new MqttProperties.IntegerProperty(0x13, 30));
        MqttConnAckMessage connack = MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(true)
                .properties(properties).build();
        Connack parsed = Connack.parse(body(encode(connack)), 5);
        assertThat(parsed.accepted()).isTrue();
        assertThat(parsed.sessionPresent()).isTrue();
        assertThat(parsed.assignedClientId()).isEqualTo("auto-7f3a");
        assertThat(parsed.serverKeepAlive()).isEqualTo(30);
    }

    @Test
    void connack311RefusalCode() throws Exception {
        Connack parsed = Connack.parse(body(encode(MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED).build())), 4);
        assertThat(parsed.code()).isEqualTo(5);
        assertThat(parsed.accepted()).isFalse();
    }

    @Test
    void publishHeadAckSubscribeAndDisconnect() throws Exception {
        ByteBuf publish = encode(MqttMessageBuilders.publish().topicName("t/1").qos(MqttQoS.AT_LEAST_ONCE)
                .retained(true).messageId(4711).payload(Unpooled.wrappedBuffer(new byte[100])).build());
        Publish head = Publish.parse(body(publish), frame(publish), 4);
        assertThat(head).isEqualTo(new Publish("t/1", 1, false, true, 4711, 100));

        Ack ack = Ack.parsePublishAck(body(encode(MqttMessageBuilders.pubAck().packetId((short) 4711).build())), 4);
        assertThat(ack.packetId()).isEqualTo(4711);

        Subscribe subscribe = Subscribe.parse(body(encode(MqttMessageBuilders.subscribe().messageId(9)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "a/#").addSubscription(MqttQoS.AT_MOST_ONCE, "b").build())),
                4, true);
        assertThat(subscribe.packetId()).isEqualTo(9);
        assertThat(subscribe.filters()).containsExactly("a/#", "b");

        encode(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("x").build()).release();
        Disconnect disconnect = Disconnect.parse(body(encode(MqttMessageBuilders.disconnect()
                .reasonCode((byte) 0x04).build())), 5);
        assertThat(disconnect.reasonCode()).isEqualTo(4);
    }

    @Test
    void aTruncatedPacketIsMalformed() throws Exception {
        ByteBuf connect = encode(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId("client").build());
        PacketReader truncated = new PacketReader(connect, 2, connect.readableBytes() - 5);
        assertThatThrownBy(() -> Connect.parse(truncated)).isInstanceOf(MalformedPacketException.class);
    }

    /** Encodes and keeps the bytes (released with the channel). */
    private ByteBuf encode(MqttMessage message) {
        encoder.writeOutbound(message);
        ByteBuf out = Unpooled.buffer();
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            out.writeBytes(part);
            part.release();
        }
        return out;
    }

    private static dev.faultlab.proxy.mqtt.MqttFrame frame(ByteBuf packet) {
        int first = packet.getUnsignedByte(0);
        int headerLength = headerLength(packet);
        return new dev.faultlab.proxy.mqtt.MqttFrame(dev.faultlab.proxy.mqtt.PacketType.of(first >> 4), first & 0xF,
                0, headerLength, packet.readableBytes() - headerLength);
    }

    private static PacketReader body(ByteBuf packet) {
        int headerLength = headerLength(packet);
        return new PacketReader(packet, headerLength, packet.readableBytes() - headerLength);
    }

    private static int headerLength(ByteBuf packet) {
        int i = 1;
        while ((packet.getUnsignedByte(i) & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }
}
