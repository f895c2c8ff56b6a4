package dev.faultlab.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Client packets for socket tests, encoded by Netty's MQTT codec (independent of ours). */
public final class MqttBytes {
    /** PINGREQ: type 12, remaining length 0. */
    public static final byte[] PINGREQ = {(byte) 0xC0, 0x00};
    /** DISCONNECT: type 14, remaining length 0 (MQTT 3.1.1; MQTT 5 reason 0 may be left out too). */
    public static final byte[] DISCONNECT = {(byte) 0xE0, 0x00};

    private MqttBytes() {
    }

    /** A CONNECT of {@code version} with a clean session and, when not null, a username. */
    public static byte[] connect(MqttVersion version, String clientId, int keepAlive, String username) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(version).clientId(clientId).keepAlive(keepAlive).cleanSession(true);
        if (username != null) {
            connect.hasUser(true).username(username);
        }
        return encode(connect.build());
    }

    /** A QoS 0 PUBLISH. */
    public static byte[] publish(String topic, String payload) {
        ByteBuf body = Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8);
        return encode(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE).retained(false)
                .payload(body).build());
    }

    private static byte[] encode(MqttMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        try {
            encoder.writeOutbound(message);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ByteBuf part;
            while ((part = encoder.readOutbound()) != null) {
                byte[] chunk = new byte[part.readableBytes()];
                part.readBytes(chunk);
                part.release();
                bytes.writeBytes(chunk);
            }
            return bytes.toByteArray();
        } finally {
            encoder.finishAndReleaseAll();
        }
    }
}
